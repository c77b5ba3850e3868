using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>Every field and value a history tab or the audit page can show reads in Chinese, for every kind of record audited.</summary>
public class AuditNamesTests
{
    private static readonly SpecializedTowns.Core.Policies.PolicyCatalog Catalog = SpecializedTowns.Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    [Fact]
    public async Task Every_recorded_field_of_every_audited_record_has_a_chinese_name_and_every_enumeration_its_chinese_values()
    {
        var storage = TestDatabases.Create(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var missingFields = new SortedSet<string>();
        var missingEnums = new SortedSet<string>();
        var missingTypes = new SortedSet<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(AuditTrail.IsAudited))
        {
            if (AuditNames.Type(type.ClrType.Name) == type.ClrType.Name) missingTypes.Add(type.ClrType.Name);
            foreach (var property in AuditTrail.RecordedFields(type))
            {
                if (AuditNames.Field(type.ClrType.Name, property.Name) == property.Name) missingFields.Add($"{type.ClrType.Name}.{property.Name}");
                var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (clr.IsEnum && !EnumNames.Has(clr)) missingEnums.Add(clr.FullName!);
            }
        }
        missingTypes.ShouldBeEmpty("kinds of record without a Chinese name in AuditNames.Types");
        missingFields.ShouldBeEmpty("fields without a Chinese name in AuditNames");
        missingEnums.ShouldBeEmpty("enumerations without a public static Chinese(TEnum) in Core");
    }

    [Fact]
    public async Task Values_read_as_the_pages_write_them_lists_code_words_and_states_included()
    {
        var storage = TestDatabases.Create(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        Microsoft.EntityFrameworkCore.Metadata.IProperty Field<T>(string name) => db.Model.FindEntityType(typeof(T))!.FindProperty(name)!;
        AuditTrail.Show(Field<SpecializedTowns.Core.Notices.Notice>("CopyTo"), new List<string> { "县发改局", "县财政局" }).ShouldBe("县发改局、县财政局");
        AuditTrail.Show(Field<SpecializedTowns.Core.Notices.Notice>("State"), SpecializedTowns.Core.Notices.NoticeState.Rectified)
            .ShouldBe(SpecializedTowns.Core.Notices.NoticeNames.Chinese(SpecializedTowns.Core.Notices.NoticeStatus.Rectified));
        AuditTrail.Show(Field<SpecializedTowns.Core.Applications.RecognitionApplication>("PreCheckOutcome"), "ineligible").ShouldBe("不符合认定条件");
        // A code word in another field is left as it is.
        AuditTrail.Show(Field<SpecializedTowns.Core.Notices.Notice>("Subject"), "ineligible").ShouldBe("ineligible");
        AuditTrail.Show(Field<SpecializedTowns.Core.Enterprises.Enterprise>("Role"), SpecializedTowns.Core.Enterprises.EnterpriseRole.Leading).ShouldBe("龙头企业");
        // An uploaded file's type as people call it, in entries old and new.
        AuditValueNames.None.Show("ContentType", "application/pdf").ShouldBe("PDF 文件");
        AuditValueNames.None.Show("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document").ShouldBe("Word 文档（.docx）");
    }

    [Fact]
    public async Task Codes_policy_documents_and_links_read_by_their_names_not_by_codes_or_numbers()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        db.Actor = new AuditActor(42, "yuanqu-office", "垣曲县专业镇办", "山西省/运城市/垣曲县", "10.1.2.3");
        var town = await db.Towns.Include(t => t.Townships).FirstAsync(t => t.PolicyId == "yuanqu-2023-19");
        var linked = town.Townships.Select(t => t.TownshipId).ToList();
        var township = await db.Jurisdictions.FirstAsync(j => j.Level == JurisdictionLevel.Township && j.Path.StartsWith("山西省/运城市/垣曲县/") && !linked.Contains(j.Id));
        var before = town.Category;
        town.Category = before == IndustryCategories.SpecialtyAgriculture ? IndustryCategories.Manufacturing : IndustryCategories.SpecialtyAgriculture;
        town.Townships.Add(new TownTownship { SpecializedTownId = town.Id, TownshipId = township.Id });
        await db.SaveChangesAsync();

        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.RootType == "SpecializedTown" && e.RootId == town.Id.ToString()).OrderBy(e => e.Id).ToListAsync();
        var names = await AuditValueNames.ForAsync(db, Catalog, entries);
        // 专业镇所含乡镇 is keyed by the pair it links (“19,138”): it reads as the town and the township, not as 编号 19,138.
        var link = entries.Single(e => e.EntityType == "TownTownship" && e.Action == AuditAction.Created);
        link.EntityId.ShouldBe($"{town.Id},{township.Id}");
        names.Label(link).ShouldBe($"{town.Name} · {township.Name}");
        // 产业类别 as the 字典 names it, before and after.
        var category = entries.Last(e => e.EntityType == "SpecializedTown").ReadChanges().Single(c => c.Field == "Category");
        names.Show("Category", category.Old).ShouldBe(CodeLists.IndustryCategory.Find(before)!.Name);
        names.Show("Category", category.New).ShouldBe(CodeLists.IndustryCategory.Find(town.Category)!.Name);

        // 政策文件 by its 文号 and title, not the pack's id.
        var document = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.Id == "yuanqu-2023-19");
        var created = new AuditEntry { EntityType = "SpecializedTown", EntityId = town.Id.ToString(), EntityLabel = town.Name,
            Changes = AuditTrail.Write([new AuditChange("PolicyId", null, "yuanqu-2023-19"), new AuditChange("Category", null, "specialty-agriculture")]) };
        var packNames = await AuditValueNames.ForAsync(db, Catalog, [created]);
        packNames.Show("PolicyId", "yuanqu-2023-19").ShouldBe($"垣政办发〔2023〕19号《{document.Title.Trim('《', '》')}》");
        packNames.Show("Category", "specialty-agriculture").ShouldBe("特优农业");
        // A link whose fields say nothing of it keeps its numbers, never written as one number with a thousands separator.
        AuditValueNames.None.Label(new AuditEntry { EntityType = "TaskUnit", EntityId = "27,117" }).ShouldBe("编号 27、117");
    }

    [Fact]
    public async Task Records_and_parts_with_no_name_of_their_own_are_named_by_what_they_belong_to_not_by_their_number()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var report = await db.MonthlyReports.AsNoTracking().Include(r => r.TaskForce!).ThenInclude(f => f.Town).OrderBy(r => r.Id).FirstAsync();
        var force = report.TaskForce!;
        var id = report.Id.ToString();
        // 月报流转记录 and 专班 record no name: the month's report and the 专班 by their town, as their pages are titled.
        var step = new AuditEntry { EntityType = "ReportStep", EntityId = "999", RootType = "MonthlyReport", RootId = id,
            Changes = AuditTrail.Write([new AuditChange("ReportId", null, id)]) };
        var forceEntry = new AuditEntry { EntityType = "TaskForce", EntityId = force.Id.ToString(), RootType = "TaskForce", RootId = force.Id.ToString(), Changes = "[]" };
        var gone = new AuditEntry { EntityType = "ReportStep", EntityId = "998", RootType = "MonthlyReport", RootId = "987654", Changes = "[]" };
        var names = await AuditValueNames.ForAsync(db, Catalog, [step, forceEntry, gone]);
        var title = $"{force.Town!.Name}专班{report.Year}年{report.Month}月月报";
        names.Label(step).ShouldBe(title);
        names.Show("ReportId", id).ShouldBe(title);
        names.Label(forceEntry).ShouldBe(force.Town.Name + "专班");
        // What belongs to a record that is gone keeps its own number.
        names.Label(gone).ShouldBe("编号 998");
        AuditValueNames.ApplicationName("历山镇蜂蜜专业镇", "运城市级专业镇认定标准", Tier.Municipal).ShouldBe("历山镇蜂蜜专业镇 · 申报运城市级");
        AuditValueNames.ApplicationName("历山镇蜂蜜专业镇", null, Tier.County).ShouldBe("历山镇蜂蜜专业镇 · 申报县级");
    }
}

/// <summary>
/// The support registers whose records have no name of their own (融资白名单 and its 贷款担保, 上市后备, 地理标志申请's steps,
/// 平台功能, 参展企业) and the links of 三个一批 and 展会活动 are named as their lists name them, never “编号 N”; a 三个一批 or a
/// 展会活动 a value refers to links to its page.
/// </summary>
public class AuditSupportNamesTests
{
    private static readonly SpecializedTowns.Core.Policies.PolicyCatalog Catalog = SpecializedTowns.Core.Policies.PolicyCatalog.Load(TestDatabases.PoliciesDirectory);

    [Fact]
    public async Task Support_records_and_their_parts_read_by_enterprise_and_register_and_batches_and_events_by_their_names_with_links()
    {
        var storage = await TestDatabases.WithDemoAsync(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        db.Actor = new AuditActor(42, "shuozhou-office", "朔州市专业镇办", "山西省/朔州市", "10.1.2.3");
        var before = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var today = new DateOnly(2026, 12, 1);

        var white = await db.WhiteListEntries.OrderBy(w => w.Id).FirstAsync();
        var whiteName = $"{(await db.Enterprises.SingleAsync(e => e.Id == white.EnterpriseId)).Name} · {white.Year}年融资白名单";
        white.Note = "审计测试：修改备注";
        db.Add(new SpecializedTowns.Core.Support.Financing
        {
            WhiteListEntryId = white.Id, Kind = SpecializedTowns.Core.Support.FinancingKind.Loan, Institution = "审计测试银行", AmountWanYuan = 10, GrantedOn = today, TermMonths = 12,
        });
        var listing = await db.ListingCandidates.AsNoTracking().OrderBy(l => l.Id).FirstAsync();
        var listingName = $"{(await db.Enterprises.SingleAsync(e => e.Id == listing.EnterpriseId)).Name} · 上市后备";
        db.Add(new SpecializedTowns.Core.Support.ListingStageChange { ListingCandidateId = listing.Id, From = listing.Stage, To = listing.Stage, On = today, By = "审计测试" });
        var geo = await db.GeoIndications.AsNoTracking().OrderBy(g => g.Id).FirstAsync();
        db.Add(new SpecializedTowns.Core.Support.GeoIndicationStatusChange { GeoIndicationApplicationId = geo.Id, To = geo.Status, On = today, By = "审计测试" });
        var platform = await db.ServicePlatforms.AsNoTracking().Include(p => p.Functions).OrderBy(p => p.Id).FirstAsync();
        var function = Enum.GetValues<SpecializedTowns.Core.Support.PlatformFunction>().First(f => platform.Functions.All(x => x.Function != f));
        db.Add(new SpecializedTowns.Core.Support.ServicePlatformFunction { ServicePlatformId = platform.Id, Function = function });
        var trade = await db.TradeEvents.AsNoTracking().Include(e => e.Participants).Include(e => e.Towns).OrderBy(e => e.Id).FirstAsync();
        var exhibitor = await db.Enterprises.AsNoTracking().Where(e => !trade.Participants.Select(p => p.EnterpriseId).Contains(e.Id)).OrderBy(e => e.Id).FirstAsync();
        db.Add(new SpecializedTowns.Core.Support.EventParticipant { TradeEventId = trade.Id, EnterpriseId = exhibitor.Id, DealWanYuan = 5 });
        var eventTown = await db.Towns.AsNoTracking().Where(t => !trade.Towns.Select(x => x.SpecializedTownId).Contains(t.Id)).OrderBy(t => t.Id).FirstAsync();
        db.Add(new SpecializedTowns.Core.Support.TradeEventTown { TradeEventId = trade.Id, SpecializedTownId = eventTown.Id });
        var batch = await db.ProjectBatches.AsNoTracking().Include(b => b.Items).OrderBy(b => b.Id).FirstAsync();
        var project = await db.Projects.AsNoTracking().Where(p => !batch.Items.Select(i => i.ProjectId).Contains(p.Id)).OrderBy(p => p.Id).FirstAsync();
        db.Add(new SpecializedTowns.Core.Projects.ProjectBatchItem { BatchId = batch.Id, ProjectId = project.Id });
        await db.SaveChangesAsync();

        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).ToListAsync();
        var names = await AuditValueNames.ForAsync(db, Catalog, entries);
        string Label(string type) => names.Label(entries.Single(e => e.EntityType == type));
        Label("WhiteListEntry").ShouldBe(whiteName);
        Label("Financing").ShouldBe(whiteName);
        Label("ListingStageChange").ShouldBe(listingName);
        Label("GeoIndicationStatusChange").ShouldBe($"{geo.Name} · 地理标志申请");
        Label("ServicePlatformFunction").ShouldBe(platform.Name);
        Label("EventParticipant").ShouldBe($"{trade.Name} · {exhibitor.Name}");
        Label("TradeEventTown").ShouldBe($"{trade.Name} · {eventTown.Name}");
        Label("ProjectBatchItem").ShouldBe($"{batch.Title} · {project.Name}");
        entries.Select(names.Label).ShouldAllBe(l => !l.StartsWith("编号"));

        // The 三个一批 and the 展会活动 a part refers to: by name, with a link to where each is shown.
        names.Show("BatchId", batch.Id.ToString()).ShouldBe(batch.Title);
        names.Link("BatchId", batch.Id.ToString()).ShouldBe($"/Projects/Batches#batch-{batch.Id}");
        names.Show("TradeEventId", trade.Id.ToString()).ShouldBe(trade.Name);
        names.Link("TradeEventId", trade.Id.ToString()).ShouldBe($"/Support/Events/Detail/{trade.Id}");
        names.Link("TradeEventId", "987654").ShouldBeNull();
    }

    /// <summary>On the audit page a 三个一批's and a 展会活动's parts link to it by its name, in the row and in the changed values.</summary>
    [Fact]
    public async Task The_audit_page_links_a_batch_and_a_trade_event_by_name()
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(StorageProvider.Sqlite, "shuozhou-office");
        await using var _ = factory;
        int batchId, tradeId;
        string batchTitle, tradeName;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "shuozhou-office");
            db.Actor = new AuditActor(user.Id, "shuozhou-office", user.DisplayName, "山西省/朔州市", "10.1.2.3");
            var batch = await db.ProjectBatches.AsNoTracking().Include(b => b.Items).OrderBy(b => b.Id).FirstAsync();
            var project = await db.Projects.AsNoTracking().Where(p => !batch.Items.Select(i => i.ProjectId).Contains(p.Id)).OrderBy(p => p.Id).FirstAsync();
            db.Add(new SpecializedTowns.Core.Projects.ProjectBatchItem { BatchId = batch.Id, ProjectId = project.Id });
            var trade = await db.TradeEvents.AsNoTracking().Include(e => e.Participants).OrderBy(e => e.Id).FirstAsync();
            var exhibitor = await db.Enterprises.AsNoTracking().Where(e => !trade.Participants.Select(p => p.EnterpriseId).Contains(e.Id)).OrderBy(e => e.Id).FirstAsync();
            db.Add(new SpecializedTowns.Core.Support.EventParticipant { TradeEventId = trade.Id, EnterpriseId = exhibitor.Id });
            await db.SaveChangesAsync();
            (batchId, batchTitle, tradeId, tradeName) = (batch.Id, batch.Title, trade.Id, trade.Name);
        }
        var batchPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await office.GetStringAsync($"/Audit?type=ProjectBatch&entityId={batchId}"));
        var batchLinks = batchPage.QuerySelectorAll($"#audit-table a[href='/Projects/Batches#batch-{batchId}']").Select(a => a.TextContent.Trim()).ToList();
        batchLinks.ShouldContain(batchTitle);
        batchLinks.ShouldContain(l => l.StartsWith(batchTitle + " · "));
        var tradePage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await office.GetStringAsync($"/Audit?type=TradeEvent&entityId={tradeId}"));
        tradePage.QuerySelectorAll($"#audit-table a[href='/Support/Events/Detail/{tradeId}']").Select(a => a.TextContent.Trim()).ShouldContain(tradeName);
        System.Text.RegularExpressions.Regex.IsMatch(batchPage.Body!.TextContent + tradePage.Body!.TextContent, "编号 \\d").ShouldBeFalse();
    }
}
