using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Web.Tests.Backup;
using SpecializedTowns.Web.Tests.BadInput;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// 系统 → 单位: the register of units with what refers to each, its filters and export, names checked on the way in, and a
/// duplicate merged into the unit it repeats — every reference moved, one row kept where both were, all or nothing.
/// </summary>
public class UnitsAdminTests
{
    private const string Yuanqu = "山西省/运城市/垣曲县";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), "\\s+", " "));

    /// <summary>The list's row of a unit: its eight counts in the order of the columns.</summary>
    private static int[] Counts(string html, string name)
    {
        var row = Regex.Match(html, $"<tr[^>]*>(?:(?!</tr>).)*?<span>{Regex.Escape(name)}</span>(?:(?!</tr>).)*?</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue($"no row of {name}");
        return Regex.Matches(row.Value, "<td class=\"text-end[^\"]*\">([\\d,]+)</td>").Select(m => int.Parse(m.Groups[1].Value.Replace(",", ""))).ToArray();
    }

    /// <summary>The names the list shows, in its order.</summary>
    private static List<string> Names(string html) =>
        Regex.Matches(html, "<td>\\s*<span>([^<]+)</span>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string contentType)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("单位_");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<int> UnitAsync(TownsDbContext db, string path, string name) =>
        await db.Units.Where(u => u.Jurisdiction!.Path == path && u.Name == name).Select(u => u.Id).SingleAsync();

    private static async Task<UnitUses> UsesAsync(TownsDbContext db, int id) => (await UnitCatalog.FindAsync(db, id))!.Uses;

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_list_counts_what_refers_to_each_unit_filters_by_place_name_and_likeness_and_exports_the_same_rows(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;
        await using var db = storage.CreateContext();
        var yuanqu = await db.Jurisdictions.Where(j => j.Path == Yuanqu).Select(j => j.Id).SingleAsync();
        var bureau = await UnitAsync(db, Yuanqu, "县工科局");

        // Every unit, fifty a page; a county's own and those of its townships.
        Text(await admin.GetStringAsync("/Admin/Units")).ShouldContain($"单位 共 {await db.Units.CountAsync():N0} 个");
        var county = await admin.GetStringAsync($"/Admin/Units?under={yuanqu}");
        var inCounty = await db.Units.CountAsync(u => u.Jurisdiction!.Path == Yuanqu || u.Jurisdiction.Path.StartsWith(Yuanqu + "/"));
        Text(county).ShouldContain($"共 {inCounty} 个");
        Names(county).Count.ShouldBe(Math.Min(inCounty, 50));
        Names(county).ShouldContain("县工科局");
        Names(county).ShouldNotContain("县工信科技局"); // 新绛's

        // The counts are those of the records: tasks, problems, task forces, projects, leads, guarantees, notices, accounts.
        var uses = await UsesAsync(db, bureau);
        uses.Tasks.ShouldBe(await db.TaskUnits.CountAsync(t => t.UnitId == bureau));
        uses.Tasks.ShouldBeGreaterThan(0);
        uses.Problems.ShouldBe(await db.Problems.CountAsync(p => p.LeadUnitId == bureau || p.CooperatingUnits.Any(c => c.UnitId == bureau)));
        uses.Accounts.ShouldBe(await db.Users.CountAsync(u => u.UnitId == bureau));
        Counts(county, "县工科局").ShouldBe([uses.Tasks, uses.Problems, uses.TaskForces, uses.Projects, uses.Leads, uses.Guarantees, uses.Notices, uses.Accounts]);

        // A second spelling of the bureau, added by hand: the administrator is told at once, and 疑似重复 lists both.
        var page = await admin.GetStringAsync("/Admin/Units");
        var added = await PageSignIn.PostAsync(admin, "/Admin/Units?handler=Add", page, new() { ["Input.JurisdictionId"] = yuanqu.ToString(), ["Input.Name"] = " 县工业科技局 " });
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, Text(await added.Content.ReadAsStringAsync()));
        var told = Text(await admin.GetStringAsync(added.Headers.Location!.ToString()));
        told.ShouldContain("已添加单位“县工业科技局”");
        told.ShouldContain("本地已有名称相近的单位 县工科局");
        var alike = await admin.GetStringAsync($"/Admin/Units?under={yuanqu}&alike=true");
        var alikeNames = Names(alike);
        alikeNames.ShouldContain("县工业科技局");
        alikeNames.ShouldContain("县工科局");
        alikeNames.Count.ShouldBeLessThan(inCounty);
        Regex.Matches(alike, "data-alike").Count.ShouldBe(alikeNames.Count);
        // Unfiltered, a unit with no look-alike carries no warning.
        Regex.Matches(await admin.GetStringAsync($"/Admin/Units?under={yuanqu}&search={Uri.EscapeDataString("县财政局")}"), "data-alike").Count.ShouldBe(0);

        // The export is the list as filtered, every row of it, with the counts as numbers.
        var rows = ExportFiles.Xlsx(await DownloadAsync(admin, $"/Admin/Units?under={yuanqu}&alike=true&handler=Export&format=xlsx", Xlsx));
        rows[0].Select(h => (string)h!).ShouldBe(["所在地", "单位名称", "曾用名", "任务", "问题", "专班", "重点项目", "招商引资项目", "要素保障", "督办通知书", "账号", "疑似重复"]);
        rows.Skip(1).Select(r => (string)r[1]!).ShouldBe(alikeNames);
        var bureauRow = rows.Single(r => (string?)r[1] == "县工科局");
        bureauRow[0].ShouldBe("山西省 / 运城市 / 垣曲县");
        bureauRow.Skip(3).Take(8).Select(v => (int)(double)v!).ShouldBe([uses.Tasks, uses.Problems, uses.TaskForces, uses.Projects, uses.Leads, uses.Guarantees, uses.Notices, uses.Accounts]);
        ((string)bureauRow[11]!).ShouldContain("县工业科技局");
        var (header, csv) = ExportFiles.Csv(await DownloadAsync(admin, $"/Admin/Units?search={Uri.EscapeDataString("工业科技")}&handler=Export&format=csv", "text/csv"));
        header[1].ShouldBe("单位名称");
        csv.Select(r => r[1]).ShouldBe(["县工业科技局"]);
        (await admin.GetStringAsync("/Exports")).ShouldContain("href=\"/Admin/Units?handler=Export&amp;format=xlsx\"");

        // 系统 is the administrators': a county office neither opens nor exports the register.
        var office = await PageSignIn.BrowserAsync(factory, "yuanqu-office");
        var denied = await office.GetAsync("/Admin/Units");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await office.GetAsync("/Admin/Units?handler=Export&format=xlsx")).Content.Headers.ContentType?.MediaType.ShouldNotBe(Xlsx);
        (await office.GetStringAsync("/Exports")).ShouldNotContain("/Admin/Units");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Adding_and_renaming_name_every_mistake_and_a_renamed_unit_keeps_its_old_name(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;
        await using var db = storage.CreateContext();
        var yuanqu = await db.Jurisdictions.Where(j => j.Path == Yuanqu).Select(j => j.Id).SingleAsync();
        var lishan = await db.Jurisdictions.Where(j => j.Path == Yuanqu + "/历山镇").Select(j => j.Id).SingleAsync();
        var page = await admin.GetStringAsync("/Admin/Units");
        var before = await db.Units.CountAsync();

        async Task<string> Refused(string? place, string name)
        {
            var response = await PageSignIn.PostAsync(admin, "/Admin/Units?handler=Add", page, new() { ["Input.JurisdictionId"] = place ?? "", ["Input.Name"] = name });
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain($"value=\"{WebUtility.HtmlEncode(name)}\"", Case.Sensitive, "what was typed stays in the form");
            return Text(html);
        }
        (await Refused(yuanqu.ToString(), "")).ShouldContain("请填写单位名称");
        (await Refused(null, "县数据局")).ShouldContain("请选择单位所在的行政区划");
        (await Refused(yuanqu.ToString(), new string('局', 101))).ShouldContain("单位名称不超过 100 字，现为 101 字");
        (await Refused(yuanqu.ToString(), "各乡（镇）人民政府")).ShouldContain("“各乡（镇）人民政府”指的是多个单位，不是一个单位的名称");
        (await Refused(yuanqu.ToString(), "县工科局")).ShouldContain("垣曲县已有单位“县工科局”");
        (await Refused(lishan.ToString(), "县工科局")).ShouldContain("垣曲县已登记单位“县工科局”，历山镇的工作可以直接选用它，不必重复登记");
        (await db.Units.CountAsync()).ShouldBe(before);

        // 怀仁 is a 市: its 市工信局 is its own bureau, not 朔州市's registered twice (0018); a 县's 市工信局 is still the city's.
        (await Refused(yuanqu.ToString(), "市工信局")).ShouldContain("运城市已登记单位“市工信局”，垣曲县的工作可以直接选用它");
        var huairen = await db.Jurisdictions.Where(j => j.Path == "山西省/朔州市/怀仁市").Select(j => j.Id).SingleAsync();
        (await PageSignIn.PostAsync(admin, "/Admin/Units?handler=Add", page, new() { ["Input.JurisdictionId"] = huairen.ToString(), ["Input.Name"] = "市工信局" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.Units.CountAsync(u => u.Name == "市工信局" && u.JurisdictionId == huairen)).ShouldBe(1);

        // Renaming: the same checks, in the row being renamed.
        var tourism = await UnitAsync(db, Yuanqu, "县文旅局");
        async Task<HttpResponseMessage> RenameAsync(string name) =>
            await PageSignIn.PostAsync(admin, $"/Admin/Units?handler=Rename&id={tourism}&rename={tourism}&under={yuanqu}", page, new() { ["newName"] = name });
        Text(await (await RenameAsync(" ")).Content.ReadAsStringAsync()).ShouldContain("请填写单位名称");
        Text(await (await RenameAsync("县文旅局")).Content.ReadAsStringAsync()).ShouldContain("名称没有改动");
        Text(await (await RenameAsync("县工科局")).Content.ReadAsStringAsync()).ShouldContain("垣曲县已有单位“县工科局”");
        var collective = await (await RenameAsync("相关文旅单位")).Content.ReadAsStringAsync();
        Text(collective).ShouldContain("“相关文旅单位”指的是多个单位");
        Regex.Matches(collective, "value=\"相关文旅单位\"").Count.ShouldBe(1, "what was typed stays in the row, and only there");
        (await db.Units.AsNoTracking().SingleAsync(u => u.Id == tourism)).Name.ShouldBe("县文旅局");

        var renamed = await RenameAsync("县文化和旅游局");
        renamed.StatusCode.ShouldBe(HttpStatusCode.Redirect, Text(await renamed.Content.ReadAsStringAsync()));
        renamed.Headers.Location!.ToString().ShouldBe($"/Admin/Units?under={yuanqu}");
        Text(await admin.GetStringAsync(renamed.Headers.Location!.ToString())).ShouldContain("已将“县文旅局”改名为“县文化和旅游局”；原名称作为曾用名保留");
        Text(await admin.GetStringAsync($"/Admin/Units?under={yuanqu}&search={Uri.EscapeDataString("县文化")}")).ShouldContain("县文化和旅游局 曾用名：县文旅局");
        // The old name finds it: in the search, and wherever a person or a document writes it.
        Names(await admin.GetStringAsync($"/Admin/Units?under={yuanqu}&search={Uri.EscapeDataString("文旅局")}")).ShouldBe(["县文化和旅游局"]);
        (await UnitRegistry.ChooseAsync(db, yuanqu, "县文旅局", isNew: false)).Existing!.Id.ShouldBe(tourism);
        // 垣曲's document names 县文旅局: it is not registered again at the next start, and a plan built from it names the renamed unit.
        var catalog = Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        (await UnitRegistry.EnsureFromPacksAsync(db, catalog)).ShouldBe(0);
        (await db.Units.CountAsync(u => u.Name == "县文旅局" && u.JurisdictionId == yuanqu)).ShouldBe(0);
        // … nor may another unit of 垣曲 take it.
        (await Refused(yuanqu.ToString(), "县文旅局")).ShouldContain("“县文旅局”是垣曲县“县文化和旅游局”的曾用名（已改名）");

        // Renamed back: the old name is its name again, and the other one becomes the former.
        (await RenameAsync("县文旅局")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await db.UnitFormerNames.AsNoTracking().Where(f => f.UnitId == tourism).Select(f => f.Name).ToListAsync()).ShouldBe(["县文化和旅游局"]);

        // Both renames are in the audit trail under the unit.
        Text(await admin.GetStringAsync("/Audit?type=Unit")).ShouldContain("县文化和旅游局");
    }

    /// <summary>
    /// A duplicate (县工业科技局) with a part in every kind of record, some of them beside the unit it repeats (县工科局), and a
    /// former name of its own. Returns the duplicate's id.
    /// </summary>
    private static async Task<Duplicate> DuplicateAsync(StorageSettings storage)
    {
        await using var db = storage.CreateContext();
        db.AuditEnabled = false;
        var yuanqu = await db.Jurisdictions.Where(j => j.Path == Yuanqu).Select(j => j.Id).SingleAsync();
        var b = await UnitAsync(db, Yuanqu, "县工科局");
        var a = new Unit { JurisdictionId = yuanqu, Name = "县工业科技局" };
        db.Units.Add(a);
        await db.SaveChangesAsync();
        db.UnitFormerNames.Add(new UnitFormerName { UnitId = a.Id, JurisdictionId = yuanqu, Name = "县工业和科技局" });

        // Tasks: one the bureau cooperates on, which the duplicate leads; one without the bureau.
        var shared = await db.TaskUnits.Where(t => t.UnitId == b).OrderByDescending(t => t.Role).ThenBy(t => t.TaskId).FirstAsync();
        db.TaskUnits.Add(new TaskUnit { TaskId = shared.TaskId, UnitId = a.Id, Role = UnitRole.Lead, SortOrder = 9 });
        var alone = await db.PlanTasks.Where(t => !db.TaskUnits.Any(x => x.TaskId == t.Id && x.UnitId == b)).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        db.TaskUnits.Add(new TaskUnit { TaskId = alone, UnitId = a.Id, Role = UnitRole.Cooperating, SortOrder = 7 });

        // Problems: led by the duplicate with the bureau cooperating; both cooperating; the duplicate alone cooperating.
        var problems = await db.Problems.Include(p => p.CooperatingUnits).Where(p => p.LeadUnitId != b && !p.CooperatingUnits.Any(c => c.UnitId == b))
            .OrderBy(p => p.Id).Take(3).ToListAsync();
        problems.Count.ShouldBe(3);
        problems[0].LeadUnitId = a.Id;
        problems[0].CooperatingUnits.Add(new ProblemCooperatingUnit { UnitId = b });
        problems[1].CooperatingUnits.Add(new ProblemCooperatingUnit { UnitId = a.Id });
        problems[1].CooperatingUnits.Add(new ProblemCooperatingUnit { UnitId = b });
        problems[2].CooperatingUnits.Add(new ProblemCooperatingUnit { UnitId = a.Id });

        // Task forces: one the bureau supports, which the duplicate leads; one without the bureau.
        var forces = await db.TaskForces.OrderBy(f => f.Id).Select(f => f.Id).Take(2).ToListAsync();
        forces.Count.ShouldBe(2);
        foreach (var row in await db.TaskForceUnits.Where(f => forces.Contains(f.TaskForceId) && f.UnitId == b).ToListAsync()) db.TaskForceUnits.Remove(row);
        await db.SaveChangesAsync();
        db.TaskForceUnits.Add(new TaskForceUnit { TaskForceId = forces[0], UnitId = b, Role = TaskForceRole.Supporting });
        db.TaskForceUnits.Add(new TaskForceUnit { TaskForceId = forces[0], UnitId = a.Id, Role = TaskForceRole.Lead });
        db.TaskForceUnits.Add(new TaskForceUnit { TaskForceId = forces[1], UnitId = a.Id, Role = TaskForceRole.Supporting });

        (await db.Projects.OrderBy(p => p.Id).FirstAsync()).ResponsibleUnitId = a.Id;
        (await db.InvestmentLeads.OrderBy(l => l.Id).FirstAsync()).ResponsibleUnitId = a.Id;
        (await db.ProjectGuarantees.OrderBy(g => g.Id).FirstAsync()).UnitId = a.Id;
        (await db.Notices.OrderBy(n => n.Id).FirstAsync()).RecipientUnitId = a.Id;
        var member = await db.Users.SingleAsync(u => u.UserName == "yuanqu-member");
        member.UnitId = a.Id;
        await db.SaveChangesAsync();
        return new Duplicate(a.Id, b, shared.TaskId, alone, problems.Select(p => p.Id).ToArray(), [.. forces], member.Id, member.SecurityStamp);
    }

    private sealed record Duplicate(int A, int B, int SharedTask, int AloneTask, int[] Problems, int[] Forces, int Member, string? MemberStamp);

    private const string Sentence = "合并单位：县工业科技局 → 县工科局，转移任务 2 项（其中 1 项两者均在列，合为一条）、问题 3 条（其中 2 条两者均在列，合为一条）、"
        + "专班 2 个（其中 1 个两者均在列，合为一条）、重点项目 1 个、招商引资项目 1 个、要素保障 1 项、督办通知书 1 份、账号 1 个；县工业科技局的曾用名 1 个一并转入";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_duplicate_merged_after_a_preview_leaves_every_record_with_the_unit_it_repeats_and_one_row_where_both_were(StorageProvider provider)
    {
        var prepared = await TestDatabases.WithDemoAccountsAsync(provider);
        var d = await DuplicateAsync(prepared);
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider, prepared);
        await using var _ = factory;
        await using var db = storage.CreateContext();
        var yuanqu = await db.Jurisdictions.Where(j => j.Path == Yuanqu).Select(j => j.Id).SingleAsync();

        // Refused before anything is shown to confirm: another county's unit, and the unit itself.
        var xinjiang = await UnitAsync(db, "山西省/运城市/新绛县", "县工信科技局");
        Text(await admin.GetStringAsync($"/Admin/Units?merge={d.A}&into={xinjiang}"))
            .ShouldContain("“县工信科技局”是山西省 / 运城市 / 新绛县的单位，不在垣曲县或其上级：只能合并到同一地方或上级的单位");
        Text(await admin.GetStringAsync($"/Admin/Units?merge={d.A}&into={d.A}")).ShouldContain("不能把单位合并到它自己");
        (await admin.GetStringAsync($"/Admin/Units?merge={d.A}")).ShouldNotContain("data-merge-preview");

        // The list shows the pair as alike, with the way to the preview; the preview says what moves.
        var list = await admin.GetStringAsync($"/Admin/Units?under={yuanqu}&alike=true");
        list.ShouldContain($"href=\"/Admin/Units?under={yuanqu}&amp;alike=true&amp;merge={d.A}&amp;into={d.B}\"");
        var preview = await admin.GetStringAsync($"/Admin/Units?under={yuanqu}&alike=true&merge={d.A}&into={d.B}");
        preview.ShouldContain("data-merge-preview");
        var shown = Text(preview);
        shown.ShouldContain("任务 2 其中 1 个“县工科局”原已在列，合为一条");
        shown.ShouldContain("问题 3 其中 2 个“县工科局”原已在列，合为一条");
        shown.ShouldContain("专班 2 其中 1 个“县工科局”原已在列，合为一条");
        shown.ShouldContain("账号 1");
        shown.ShouldContain("“县工业科技局”将作为“县工科局”的曾用名保留");

        var before = await TalliesAsync(db, d);
        var merge = $"/Admin/Units?handler=Merge&under={yuanqu}&alike=true&merge={d.A}&into={d.B}";

        // The database refuses the last step (the duplicate's deletion, after every record was moved): nothing is kept.
        var unchanged = await DbState.CaptureAsync(db, "units", "unit_former_names", "task_units", "problems", "problem_cooperating_units",
            "task_force_units", "key_projects", "investment_leads", "project_guarantees", "notices", "AspNetUsers");
        await Refusal.InstallAsync(db, provider);
        var failed = await PageSignIn.PostAsync(admin, merge, preview, []);
        failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var failure = Text(await failed.Content.ReadAsStringAsync());
        failure.ShouldContain("合并没有完成（数据库拒绝了这次修改），所有记录保持原样");
        Chinese.ShouldBeClean(failure, "a refused merge");
        await Refusal.RemoveAsync(db, provider);
        unchanged.ShouldHaveNoDataWritten(await DbState.CaptureAsync(db, "units", "unit_former_names", "task_units", "problems", "problem_cooperating_units",
            "task_force_units", "key_projects", "investment_leads", "project_guarantees", "notices", "AspNetUsers"), "a merge the database refused");

        var merged = await PageSignIn.PostAsync(admin, merge, preview, []);
        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect, Text(await merged.Content.ReadAsStringAsync()));
        Text(await admin.GetStringAsync(merged.Headers.Location!.ToString())).ShouldContain(Sentence + "。“县工业科技局”已删除，作为“县工科局”的曾用名保留");

        // Every table: nothing names the duplicate, the unit kept has what it had and what the duplicate had, less the doubles.
        db.ChangeTracker.Clear();
        (await db.Units.AnyAsync(u => u.Id == d.A)).ShouldBeFalse();
        var after = await TalliesAsync(db, d);
        after.OfA.ShouldBe(new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0));
        after.OfB.ShouldBe(new Tally(
            TaskRows: before.OfB.TaskRows + 1, LeadProblems: before.OfB.LeadProblems + 1, CooperatingRows: before.OfB.CooperatingRows + 0,
            ForceRows: before.OfB.ForceRows + 1, Projects: before.OfB.Projects + 1, Leads: before.OfB.Leads + 1, Guarantees: before.OfB.Guarantees + 1,
            Notices: before.OfB.Notices + 1, Accounts: before.OfB.Accounts + 1));
        after.TaskRows.ShouldBe(before.TaskRows - 1);
        after.CooperatingRows.ShouldBe(before.CooperatingRows - 2);
        after.ForceRows.ShouldBe(before.ForceRows - 1);

        // Where both were, one row with the larger part; where the duplicate alone was, the unit kept in its place.
        (await db.TaskUnits.SingleAsync(t => t.TaskId == d.SharedTask && t.UnitId == d.B)).Role.ShouldBe(UnitRole.Lead);
        var alone = await db.TaskUnits.SingleAsync(t => t.TaskId == d.AloneTask && t.UnitId == d.B);
        (alone.Role, alone.SortOrder).ShouldBe((UnitRole.Cooperating, 7));
        var problems = await db.Problems.Include(p => p.CooperatingUnits).Where(p => d.Problems.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        problems[d.Problems[0]].LeadUnitId.ShouldBe(d.B);
        problems[d.Problems[0]].CooperatingUnits.ShouldNotContain(c => c.UnitId == d.B, "a unit does not cooperate on what it leads");
        problems[d.Problems[1]].CooperatingUnits.Count(c => c.UnitId == d.B).ShouldBe(1);
        problems[d.Problems[2]].CooperatingUnits.Count(c => c.UnitId == d.B).ShouldBe(1);
        (await db.TaskForceUnits.SingleAsync(f => f.TaskForceId == d.Forces[0] && f.UnitId == d.B)).Role.ShouldBe(TaskForceRole.Lead);
        (await db.TaskForceUnits.SingleAsync(f => f.TaskForceId == d.Forces[1] && f.UnitId == d.B)).Role.ShouldBe(TaskForceRole.Supporting);

        // The duplicate's names stay the kept unit's; its member signs in again to the merged unit's work.
        (await db.UnitFormerNames.Where(f => f.UnitId == d.B).OrderBy(f => f.Name).Select(f => new { f.Name, f.MergedUnitId }).ToListAsync())
            .ShouldBe([new { Name = "县工业和科技局", MergedUnitId = (int?)null }, new { Name = "县工业科技局", MergedUnitId = (int?)d.A }], ignoreOrder: true);
        (await db.Users.Where(u => u.Id == d.Member).Select(u => u.SecurityStamp).SingleAsync()).ShouldNotBe(d.MemberStamp);

        // One sentence for the whole in the audit trail, and the rows' histories name the duplicate by the name it had.
        var note = await db.AuditEntries.Where(e => e.EntityType == "Unit" && e.EntityId == d.B.ToString() && e.Changes.Contains("合并单位")).SingleAsync();
        SpecializedTowns.Data.Audit.AuditNote.Text(note).ShouldBe(Sentence);
        note.RecordPath.ShouldBe(Yuanqu);
        Text(await admin.GetStringAsync("/Audit?type=Unit")).ShouldContain(Sentence);
        Text(await admin.GetStringAsync("/Audit?type=TaskUnit")).ShouldContain("县工业科技局（已并入县工科局）");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_merge_the_database_refuses_halfway_leaves_every_table_as_it_was(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAccountsAsync(provider);
        var d = await DuplicateAsync(storage);
        await using var db = storage.CreateContext();
        await Refusal.InstallAsync(db, provider);
        var before = await DatabaseFingerprint.TakeAsync(storage);

        var refused = await UnitMerge.MergeAsync(db, d.A, d.B);
        refused.Ok.ShouldBeFalse();
        refused.Problem.ShouldBe("合并没有完成（数据库拒绝了这次修改），所有记录保持原样。请刷新后重新预览、确认");
        (await DatabaseFingerprint.TakeAsync(storage)).ShouldBe(before);

        // The same merge, let through, writes: the refusal came after the records had been moved.
        await Refusal.RemoveAsync(db, provider);
        var done = await UnitMerge.MergeAsync(db, d.A, d.B);
        done.Summary.ShouldBe(Sentence);
        (await DatabaseFingerprint.TakeAsync(storage)).ShouldNotBe(before);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Only_a_unit_nothing_refers_to_and_no_document_names_is_deleted(StorageProvider provider)
    {
        var (storage, factory, admin) = await PageSignIn.AdminPlatformAsync(provider);
        await using var _ = factory;
        await using var db = storage.CreateContext();
        var yuanqu = await db.Jurisdictions.Where(j => j.Path == Yuanqu).Select(j => j.Id).SingleAsync();
        var page = await admin.GetStringAsync($"/Admin/Units?under={yuanqu}");
        async Task<string> DeleteAsync(int id)
        {
            var response = await PageSignIn.PostAsync(admin, $"/Admin/Units?handler=Delete&id={id}&under={yuanqu}", page, []);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return Text(await admin.GetStringAsync(response.Headers.Location!.ToString()));
        }

        var bureau = await UnitAsync(db, Yuanqu, "县工科局");
        var uses = await UsesAsync(db, bureau);
        (await DeleteAsync(bureau)).ShouldContain($"“县工科局”仍被使用（{uses.Describe()}），不能删除。如它与另一个单位重复，请用“合并”把这些记录转给那个单位");
        uses.Describe().ShouldStartWith($"任务 {uses.Tasks} 项");

        // Named by 垣曲's document but used by nothing: it would be registered again at the next start.
        var catalog = Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory);
        var named = UnitNames.NamedIn(catalog.Packs.Single(p => p.Id == "yuanqu-2023-19"));
        (int Id, string Name)? idle = null;
        foreach (var u in await db.Units.Where(u => u.JurisdictionId == yuanqu).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync())
            if (named.Contains(u.Name) && (await UsesAsync(db, u.Id)).Total == 0) { idle = (u.Id, u.Name); break; }
        idle.ShouldNotBeNull("a unit 垣曲's document names that nothing refers to");
        (await DeleteAsync(idle.Value.Id)).ShouldContain($"“{idle.Value.Name}”是《");
        (await db.Units.AnyAsync(u => u.Id == idle.Value.Id)).ShouldBeTrue();

        var spare = new Unit { JurisdictionId = yuanqu, Name = "县临时测试办公室" };
        db.Units.Add(spare);
        await db.SaveChangesAsync();
        (await DeleteAsync(spare.Id)).ShouldContain("已删除单位“县临时测试办公室”");
        (await db.Units.AnyAsync(u => u.Id == spare.Id)).ShouldBeFalse();
    }

    private sealed record Tally(int TaskRows, int LeadProblems, int CooperatingRows, int ForceRows, int Projects, int Leads, int Guarantees, int Notices, int Accounts);

    private sealed record Tallies(Tally OfA, Tally OfB, int TaskRows, int CooperatingRows, int ForceRows);

    private static async Task<Tallies> TalliesAsync(TownsDbContext db, Duplicate d)
    {
        async Task<Tally> Of(int unit) => new(
            await db.TaskUnits.CountAsync(t => t.UnitId == unit), await db.Problems.CountAsync(p => p.LeadUnitId == unit),
            await db.ProblemCooperatingUnits.CountAsync(c => c.UnitId == unit), await db.TaskForceUnits.CountAsync(f => f.UnitId == unit),
            await db.Projects.CountAsync(p => p.ResponsibleUnitId == unit), await db.InvestmentLeads.CountAsync(l => l.ResponsibleUnitId == unit),
            await db.ProjectGuarantees.CountAsync(g => g.UnitId == unit), await db.Notices.CountAsync(n => n.RecipientUnitId == unit),
            await db.Users.CountAsync(u => u.UnitId == unit));
        return new Tallies(await Of(d.A), await Of(d.B), await db.TaskUnits.CountAsync(), await db.ProblemCooperatingUnits.CountAsync(), await db.TaskForceUnits.CountAsync());
    }

    /// <summary>A trigger that refuses to delete any unit: the last step of a merge, after every record has been moved.</summary>
    private static class Refusal
    {
        public static async Task InstallAsync(TownsDbContext db, StorageProvider provider)
        {
            if (provider == StorageProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER test_refuse_unit_delete BEFORE DELETE ON units BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
            else
            {
                await db.Database.ExecuteSqlRawAsync("CREATE FUNCTION test_refuse_unit_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;");
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER test_refuse_unit_delete BEFORE DELETE ON units FOR EACH ROW EXECUTE FUNCTION test_refuse_unit_delete();");
            }
        }

        public static async Task RemoveAsync(TownsDbContext db, StorageProvider provider)
        {
            if (provider == StorageProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_refuse_unit_delete;");
            else
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_refuse_unit_delete ON units;");
                await db.Database.ExecuteSqlRawAsync("DROP FUNCTION test_refuse_unit_delete();");
            }
        }
    }
}
