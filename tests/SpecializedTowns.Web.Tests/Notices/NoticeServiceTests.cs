using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Data.Notifications;
using SpecializedTowns.Web.Tests.Infrastructure;
using static SpecializedTowns.Web.Tests.Notices.NoticeDesk;

namespace SpecializedTowns.Web.Tests.Notices;

/// <summary>The notices' use cases on both providers, with the demo data and the demo accounts' scopes.</summary>
public class NoticeServiceTests
{
    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Numbers_run_per_issuing_office_and_year_and_are_never_given_twice(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var (db, clock, service) = (desk.Db, desk.Clock, desk.Service);
        var yuanqu = await desk.ScopeAsync("yuanqu-office");
        var xinjiang = await desk.ScopeAsync("xinjiang-office");
        var lishan = await desk.TownAsync("历山镇蜂蜜专业镇");
        var gucheng = await desk.TownshipAsync(Yuanqu + "/古城镇");
        var wanan = await desk.TownAsync("万安钻石专业镇");
        var deadline = new DateOnly(2031, 1, 30);

        var a = await service.CreateAsync(yuanqu, "垣曲县专业镇办", Draft(RecipientKind.Town, lishan, deadline));
        var b = await service.CreateAsync(yuanqu, "垣曲县专业镇办", Draft(RecipientKind.Township, gucheng, deadline));
        var c = await service.CreateAsync(xinjiang, "新绛县专业镇办", Draft(RecipientKind.Town, wanan, deadline));
        clock.Now = clock.Now.AddDays(3); // 2031-01-02
        var d = await service.CreateAsync(yuanqu, "垣曲县专业镇办", Draft(RecipientKind.Town, lishan, deadline));
        // The prefix may change by configuration; the count of the year goes on.
        var renamed = desk.ServiceWith(NoticeSettings.From(null, new Dictionary<string, string> { ["垣曲县"] = "垣专督" }));
        var e = await renamed.CreateAsync(yuanqu, "垣曲县专业镇办", Draft(RecipientKind.Town, lishan, deadline));
        // The administrator issues as the office of the recipient's county, in the same count.
        var admin = await desk.ScopeAsync("admin");
        var f = await service.CreateAsync(admin, "系统管理员", Draft(RecipientKind.Town, lishan, deadline));

        var numbers = await db.Notices.AsNoTracking().Where(n => new[] { a, b, c, d, e, f }.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => (n.DocumentNumber, n.IssuingOffice));
        numbers[a].ShouldBe(("垣专办督〔2030〕1号", "垣曲县专业镇发展领导小组办公室"));
        numbers[b].DocumentNumber.ShouldBe("垣专办督〔2030〕2号");
        numbers[c].ShouldBe(("新专办督〔2030〕1号", "新绛县专业镇发展领导小组办公室"));
        numbers[d].DocumentNumber.ShouldBe("垣专办督〔2031〕1号");
        numbers[e].DocumentNumber.ShouldBe("垣专督〔2031〕2号");
        numbers[f].ShouldBe(("垣专办督〔2031〕3号", "垣曲县专业镇发展领导小组办公室"));
        Should.Throw<ArgumentException>(() => NoticeSettings.From(null, new Dictionary<string, string> { ["垣曲县"] = "垣专办督〔" })).Message.ShouldContain("Notices:NumberPrefixes:垣曲县");

        // The database itself refuses a number given twice, whoever writes it.
        await using var other = desk.Storage.CreateContext();
        var copy = await other.Notices.AsNoTracking().Include(n => n.Items).SingleAsync(n => n.Id == a);
        copy.Id = 0;
        copy.Items.ForEach(i => { i.Id = 0; i.NoticeId = 0; });
        other.Notices.Add(copy);
        await Should.ThrowAsync<DbUpdateException>(() => other.SaveChangesAsync());
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_deadline_and_every_field_are_checked_in_chinese_and_nothing_is_written(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var (db, service) = (desk.Db, desk.Service);
        var office = await desk.ScopeAsync("yuanqu-office");
        var lishan = await desk.TownAsync("历山镇蜂蜜专业镇");
        var before = await db.Notices.CountAsync();

        async Task<FieldErrors> Refused(UserScope scope, NoticeDraft draft) =>
            (await Should.ThrowAsync<NoticeInputException>(() => service.CreateAsync(scope, "x", draft))).Errors;

        (await Refused(office, Draft(RecipientKind.Town, lishan, new DateOnly(2030, 12, 30))))
            .ShouldBe(new FieldErrors { ["Deadline"] = "整改期限须晚于发文日期（2030年12月30日）" });
        (await Refused(office, Draft(RecipientKind.Town, lishan, new DateOnly(2031, 12, 31))))
            .ShouldBe(new FieldErrors { ["Deadline"] = "整改期限不能超过发文日期后 1 年（最晚 2031年12月30日）" });
        (await Refused(office, Draft(RecipientKind.Town, lishan, new DateOnly(2031, 1, 30)) with { Deadline = null, Findings = [], ContactPhone = "电话", Basis = " " }))
            .ShouldBe(new FieldErrors
            {
                ["Deadline"] = "请填写整改期限", ["Findings"] = "请至少列出一个存在的问题",
                ["ContactPhone"] = "联系电话“电话”格式不对，如 0359-6021234 或 13812345678", ["Basis"] = "请填写督办依据，如：2025年度专业镇发展评估结果",
            }, ignoreOrder: true);
        (await Refused(office, Draft(RecipientKind.Town, lishan, new DateOnly(2031, 1, 30)) with { RecipientId = null }))["RecipientId"].ShouldBe("请选择整改对象（专业镇、乡镇或单位）");
        // Another county's town, or a recipient that does not exist, is not the office's to name.
        var xinjiang = await desk.ScopeAsync("xinjiang-office");
        (await Refused(xinjiang, Draft(RecipientKind.Town, lishan, new DateOnly(2031, 1, 30))))["RecipientId"].ShouldBe("所选整改对象不存在，或不在您的数据范围内");
        (await Refused(office, Draft(RecipientKind.Unit, 999_999, new DateOnly(2031, 1, 30))))["RecipientId"].ShouldBe("所选整改对象不存在，或不在您的数据范围内");
        var cityUnit = await desk.UnitAsync("山西省/运城市", "市工信局");
        (await Refused(office, Draft(RecipientKind.Unit, cityUnit, new DateOnly(2031, 1, 30))))["RecipientId"]
            .ShouldStartWith("“市工信局”是运城市的单位，在垣曲县之上", Case.Sensitive, "a county office does not supervise the city's units, and is told so");
        // Only offices issue.
        foreach (var user in new[] { "lishan-township", "yuanqu-member", "yuncheng-leader", "expert-zhang" })
        {
            var scope = await desk.ScopeAsync(user);
            (await Should.ThrowAsync<NoticeRuleException>(() => service.CreateAsync(scope, "x", Draft(RecipientKind.Town, lishan, new DateOnly(2031, 1, 30)))))
                .Message.ShouldEndWith("不能下发督办通知书");
        }
        (await db.Notices.CountAsync()).ShouldBe(before);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_unit_named_in_the_copy_line_reads_the_notice_and_its_progress_but_does_not_act(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var service = desk.Service;
        var deadline = new DateOnly(2031, 1, 30);
        var toAll = await desk.IssueToLishanAsync(deadline, d => d with { CopyTo = ["县专业镇发展领导小组各成员单位"] });
        var toAgriculture = await desk.IssueToLishanAsync(deadline, d => d with { CopyTo = ["垣曲县农业农村局"] });
        var toLand = await desk.IssueToLishanAsync(deadline, d => d with { CopyTo = ["县自然资源局"] });
        var toNone = await desk.IssueToLishanAsync(deadline, d => d with { CopyTo = [] });
        int[] mine = [toAll, toAgriculture, toLand, toNone];
        var township = await desk.ScopeAsync("lishan-township");
        await service.RecordAsync(township, "历山镇专业镇专干", toAll, 1, new RectificationInput("已开工建设", "照片"));

        var member = await desk.ScopeAsync("yuanqu-member");
        (await service.Visible(member).Where(n => mine.Contains(n.Id)).OrderBy(n => n.Id).Select(n => n.Id).ToArrayAsync()).ShouldBe([toAll, toAgriculture]);
        (await service.Visible(await desk.ScopeAsync("xinjiang-member")).CountAsync(n => mine.Contains(n.Id))).ShouldBe(0, "新绛's member units are not 垣曲's");

        var view = await service.ViewAsync(member, toAll, "垣曲县农业农村局");
        view.CopiedOnly.ShouldBeTrue();
        view.Steps.ShouldBeEmpty();
        view.Recordable.ShouldBeEmpty();
        view.Notice.Items.Single(i => i.Position == 1).Measures.ShouldBe("已开工建设");
        var refused = await Should.ThrowAsync<NoticeRuleException>(() => service.RecordAsync(member, "垣曲县农业农村局", toAll, 2, new RectificationInput("已协调", null)));
        refused.Kind.ShouldBe(RefusalKind.Forbidden);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.SubmitAsync(member, "垣曲县农业农村局", toAll))).Kind.ShouldBe(RefusalKind.Forbidden);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.UploadAsync(member, "垣曲县农业农村局", toAll, "a.pdf", "%PDF-1.4 x"u8.ToArray()))).Kind.ShouldBe(RefusalKind.Forbidden);
        // Copied is not addressed: no deadline reminders for it.
        (await service.Addressed(member).CountAsync(n => mine.Contains(n.Id))).ShouldBe(0);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_account_sees_and_acts_on_its_own_notices_and_no_other(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var service = desk.Service;
        var office = await desk.ScopeAsync("yuanqu-office");
        var deadline = new DateOnly(2031, 1, 30);
        var toTown = await desk.IssueToLishanAsync(deadline);
        var toLishanTownship = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Township, await desk.TownshipAsync(Yuanqu + "/历山镇"), deadline));
        var toGucheng = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Township, await desk.TownshipAsync(Yuanqu + "/古城镇"), deadline));
        var toAgriculture = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Unit, await desk.UnitAsync(Yuanqu, "县农业农村局"), deadline));
        var toLand = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Unit, await desk.UnitAsync(Yuanqu, "县自然资源局"), deadline));
        int[] mine = [toTown, toLishanTownship, toGucheng, toAgriculture, toLand];

        async Task<int[]> Sees(string user) =>
            await service.Visible(await desk.ScopeAsync(user)).Where(n => mine.Contains(n.Id)).OrderBy(n => n.Id).Select(n => n.Id).ToArrayAsync();

        (await Sees("yuanqu-office")).ShouldBe(mine);
        (await Sees("yuncheng-office")).ShouldBe(mine);
        (await Sees("yuncheng-leader")).ShouldBe(mine);
        (await Sees("lishan-township")).ShouldBe([toTown, toLishanTownship], "a township sees only what is sent to its own township and towns");
        (await Sees("yuanqu-member")).ShouldBe(mine, "a member unit what is sent to it, and (read only) those copied to every member unit");
        (await Sees("xinjiang-office")).ShouldBeEmpty();
        (await Sees("xinjiang-member")).ShouldBeEmpty("县农业农村局 of 新绛 is another unit than 垣曲's");
        (await Sees("yangquan-office")).ShouldBeEmpty();
        (await Sees("expert-zhang")).ShouldBeEmpty();

        // Outside the scope a notice is not there at all, for reading and for every step.
        var other = await desk.ScopeAsync("xinjiang-office");
        await Should.ThrowAsync<NoticeNotFoundException>(() => service.ViewAsync(other, toTown, "x"));
        await Should.ThrowAsync<NoticeNotFoundException>(() => service.RecordAsync(other, "x", toTown, 1, new RectificationInput("已整改", "照片")));
        await Should.ThrowAsync<NoticeNotFoundException>(() => service.VerifyAsync(other, "x", toTown, 1, true, null));
        await Should.ThrowAsync<NoticeNotFoundException>(() => service.RecordActionsAsync(other, "x", toTown, [new ActionInput(NoticeActionKind.Interview, new DateOnly(2030, 12, 30), null, null)]));
        await Should.ThrowAsync<NoticeNotFoundException>(() => service.DocumentAsync(other, toTown));
        var township = await desk.ScopeAsync("lishan-township");
        await Should.ThrowAsync<NoticeNotFoundException>(() => service.RecordAsync(township, "x", toGucheng, 1, new RectificationInput("已整改", "照片")));

        // Who may do what on a notice they see.
        (await service.ViewAsync(township, toTown, "历山镇专业镇专干")).Steps.ShouldBe([NoticeStep.Record]);
        (await service.ViewAsync(await desk.ScopeAsync("yuanqu-member"), toAgriculture, "垣曲县农业农村局")).Steps.ShouldBe([NoticeStep.Record]);
        var leader = await service.ViewAsync(await desk.ScopeAsync("yuncheng-leader"), toTown, "运城市分管领导");
        leader.Steps.ShouldBeEmpty();
        leader.RecordsOnBehalf.ShouldBeFalse();
        var asOffice = await service.ViewAsync(office, toTown, "垣曲县专业镇办");
        asOffice.Steps.ShouldBe([NoticeStep.Record]);
        asOffice.RecordsOnBehalf.ShouldBeTrue();
        var leaderScope = await desk.ScopeAsync("yuncheng-leader");
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordAsync(leaderScope, "x", toTown, 1, new RectificationInput("已整改", "照片"))))
            .Message.ShouldBe("只有整改对象或领导小组办公室可以填报整改情况");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Rectification_is_reported_returned_reported_again_and_accepted_with_who_and_when(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var (db, clock, service) = (desk.Db, desk.Clock, desk.Service);
        var office = await desk.ScopeAsync("yuanqu-office");
        var city = await desk.ScopeAsync("yuncheng-office");
        var township = await desk.ScopeAsync("lishan-township");
        var id = await desk.IssueToLishanAsync(new DateOnly(2031, 1, 30));

        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordAsync(township, "历山镇专业镇专干", id, 1, new RectificationInput(" ", "照片")))).Field.ShouldBe("measures");
        (await Should.ThrowAsync<NoticeRuleException>(() => service.SubmitAsync(township, "历山镇专业镇专干", id))).Message.ShouldStartWith("没有已填报待报送的整改事项");
        clock.Now = clock.Now.AddDays(5);
        // A file goes with the first item; a disguised one is refused and nothing of it is kept.
        byte[] pdf = [.. "%PDF-1.4 施工许可证"u8];
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordAsync(township, "历山镇专业镇专干", id, 1, new RectificationInput("两个项目已开工", null, Files: [new("许可证.pdf", [0x4D, 0x5A])]))))
            .Message.ShouldBe("“许可证.pdf”不能上传：文件内容与扩展名“.pdf”不符");
        (await db.NoticeFiles.CountAsync(f => f.NoticeId == id)).ShouldBe(0);
        await service.RecordAsync(township, "历山镇专业镇专干", id, 1, new RectificationInput("两个项目已开工", null, Files: [new("许可证.pdf", pdf)]));
        await service.RecordAsync(township, "历山镇专业镇专干", id, 2, new RectificationInput("已补报月报", "报送回执"));
        (await service.SubmitAsync(township, "历山镇专业镇专干", id)).ShouldBe(2);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.VerifyAsync(township, "历山镇专业镇专干", id, 1, true, null))).Message.ShouldContain("只有下发通知书的领导小组办公室");

        clock.Now = clock.Now.AddDays(1);
        var view = await service.ViewAsync(office, id, "垣曲县专业镇办");
        view.Steps.ShouldBe([NoticeStep.Verify]);
        var file = view.FilesOf(1).ShouldHaveSingleItem();
        (await service.FileAsync(office, id, file.Id)).ShouldNotBeNull().Content.ShouldBe(pdf);
        (await service.FileAsync(await desk.ScopeAsync("xinjiang-office"), id, file.Id)).ShouldBeNull();
        await service.VerifyAsync(office, "垣曲县专业镇办", id, 1, true, null);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.VerifyAsync(office, "垣曲县专业镇办", id, 2, false, ""))).Message.ShouldBe("请写明退回的理由");
        await service.VerifyAsync(office, "垣曲县专业镇办", id, 2, false, "未附报送记录");

        clock.Now = clock.Now.AddDays(2);
        (await service.ViewAsync(township, id, "历山镇专业镇专干")).Recordable.ShouldBe(new HashSet<int> { 2 });
        // Reported again without a new file: the text changes, nothing else.
        await service.RecordAsync(township, "历山镇专业镇专干", id, 2, new RectificationInput("已补报月报并附报送记录", "报送记录截图"));
        await service.SubmitAsync(township, "历山镇专业镇专干", id);
        // The city office, above the issuing one, may verify too.
        await service.VerifyAsync(city, "运城市专业镇办", id, 2, true, "同意");

        await using var check = desk.Storage.CreateContext();
        var stored = await check.Notices.Include(n => n.Items).Include(n => n.Events).SingleAsync(n => n.Id == id);
        stored.State.ShouldBe(NoticeState.Rectified);
        (stored.RectifiedAtUtc!.Value - clock.Now.UtcDateTime).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));
        stored.Items.OrderBy(i => i.Position).Select(i => (i.State, i.SubmittedOn, i.Measures, i.ReturnReason)).ShouldBe([
            (ItemState.Accepted, new DateOnly(2031, 1, 4), "两个项目已开工", (string?)null),
            (ItemState.Accepted, new DateOnly(2031, 1, 7), "已补报月报并附报送记录", null)]);
        stored.Events.OrderBy(e => e.Id).Select(e => (e.Action, e.ItemPosition, e.UserName, e.UserId)).ShouldBe([
            ("下发督办通知书", null, "垣曲县专业镇办", office.UserId), ("填报整改情况", 1, "历山镇专业镇专干", township.UserId),
            ("填报整改情况", 2, "历山镇专业镇专干", township.UserId), ("报送整改情况", null, "历山镇专业镇专干", township.UserId),
            ("核验通过", 1, "垣曲县专业镇办", office.UserId), ("退回重新整改", 2, "垣曲县专业镇办", office.UserId),
            ("填报整改情况", 2, "历山镇专业镇专干", township.UserId), ("报送整改情况", null, "历山镇专业镇专干", township.UserId),
            ("核验通过", 2, "运城市专业镇办", city.UserId), ("全部整改通过，已整改", null, "运城市专业镇办", city.UserId)]);
        stored.Events.Single(e => e.Action == "退回重新整改").Note.ShouldBe("未附报送记录");
        stored.Events.Select(e => e.AtUtc).ShouldBeInOrder();
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordAsync(township, "历山镇专业镇专干", id, 1, new RectificationInput("再改", "照片"))))
            .Message.ShouldBe("督办通知书当前为“已整改”，不能“填报整改情况”");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_finding_keeps_several_files_which_may_be_removed_until_it_is_submitted_and_everyone_reading_sees_them(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var service = desk.Service;
        var office = await desk.ScopeAsync("yuanqu-office");
        var township = await desk.ScopeAsync("lishan-township");
        const string clerk = "历山镇专业镇专干";
        var id = await desk.IssueToLishanAsync(new DateOnly(2031, 1, 30));
        static byte[] Pdf(string text) => [.. System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 " + text)];

        // One bad file among those saved together: none is kept, and the rectification is not recorded either.
        var bad = await Should.ThrowAsync<NoticeRuleException>(() => service.RecordAsync(township, clerk, id, 1,
            new RectificationInput("两个项目已开工", null, Files: [new("许可证.pdf", Pdf("许可证")), new("现场照片.png", [0x4D, 0x5A])])));
        bad.Field.ShouldBe("file");
        bad.Message.ShouldBe("“现场照片.png”不能上传：文件内容与扩展名“.png”不符");
        await using (var check = desk.Storage.CreateContext())
        {
            (await check.NoticeFiles.CountAsync(f => f.NoticeId == id)).ShouldBe(0);
            (await check.NoticeItems.SingleAsync(i => i.NoticeId == id && i.Position == 1)).State.ShouldBe(ItemState.Open);
        }

        await service.RecordAsync(township, clerk, id, 1, new RectificationInput("两个项目已开工", null, Files: [new("许可证.pdf", Pdf("许可证")), new("现场照片.pdf", Pdf("照片"))]));
        var photo = (await service.ViewAsync(township, id, clerk)).FilesOf(1).Single(f => f.FileName == "现场照片.pdf");
        var receipt = await service.AddItemFileAsync(township, clerk, id, 1, "验收单.pdf", Pdf("验收单"));
        receipt.Item.ShouldBe(1);
        await service.RemoveItemFileAsync(township, clerk, id, 1, photo.Id);
        (await service.ItemFilesAsync(township, id, 1)).Select(f => f.FileName).ShouldBe(["许可证.pdf", "验收单.pdf"]);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RemoveItemFileAsync(township, clerk, id, 1, photo.Id))).Kind.ShouldBe(RefusalKind.NotFound);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RemoveItemFileAsync(township, clerk, id, 2, receipt.Id))).Kind.ShouldBe(RefusalKind.NotFound, "a file is removed from its own finding");

        // A unit copied on the notice reads the files and changes none; another county does not see the notice at all.
        var member = await desk.ScopeAsync("yuanqu-member");
        (await service.ItemFilesAsync(member, id, 1)).Count.ShouldBe(2);
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RemoveItemFileAsync(member, "县农业农村局", id, 1, receipt.Id))).Kind.ShouldBe(RefusalKind.Forbidden);
        await Should.ThrowAsync<NoticeNotFoundException>(async () => await service.ItemFilesAsync(await desk.ScopeAsync("xinjiang-office"), id, 1));

        for (var n = 3; n <= NoticeFile.MaxPerItem; n++) await service.AddItemFileAsync(township, clerk, id, 1, $"照片{n}.pdf", Pdf($"照片{n}"));
        (await Should.ThrowAsync<NoticeRuleException>(() => service.AddItemFileAsync(township, clerk, id, 1, "多余.pdf", Pdf("多余"))))
            .Message.ShouldStartWith($"第 1 项最多 {NoticeFile.MaxPerItem} 个佐证文件");

        await service.SubmitAsync(township, clerk, id);
        var locked = await Should.ThrowAsync<NoticeRuleException>(() => service.RemoveItemFileAsync(township, clerk, id, 1, receipt.Id));
        locked.Kind.ShouldBe(RefusalKind.Conflict);
        locked.Message.ShouldBe("第 1 项当前为“待核验”，佐证文件已随整改情况报送，不能再删除");
        var verifying = await service.ViewAsync(office, id, "垣曲县专业镇办");
        verifying.FilesOf(1).Count.ShouldBe(NoticeFile.MaxPerItem);
        (await service.FileAsync(office, id, receipt.Id)).ShouldNotBeNull().Content.ShouldBe(Pdf("验收单"));

        await using var stored = desk.Storage.CreateContext();
        var events = await stored.NoticeEvents.Where(e => e.NoticeId == id).OrderBy(e => e.Id).Select(e => new { e.Action, e.Note }).ToListAsync();
        events[1].Note.ShouldBe("两个项目已开工\n上传佐证文件：许可证.pdf、现场照片.pdf");
        events.Single(e => e.Action == "删除佐证文件").Note.ShouldBe("现场照片.pdf");
        events.Count(e => e.Action == "上传佐证文件").ShouldBe(NoticeFile.MaxPerItem - 1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Two_people_acting_on_one_notice_at_once_cannot_both_win(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var township = await desk.ScopeAsync("lishan-township");
        var id = await desk.IssueToLishanAsync(new DateOnly(2031, 1, 30));
        await desk.Service.RecordAsync(township, "历山镇专业镇专干", id, 1, new RectificationInput("已开工", "照片"));
        await desk.Service.SubmitAsync(township, "历山镇专业镇专干", id);
        var actor = new NoticeActor(1, "垣曲县专业镇办", Roles.Office, false, true, true);
        await using var first = desk.Storage.CreateContext();
        await using var second = desk.Storage.CreateContext();
        var a = await first.Notices.Include(n => n.Items).SingleAsync(n => n.Id == id);
        var b = await second.Notices.Include(n => n.Items).SingleAsync(n => n.Id == id);
        a.Verify(actor, DateTime.UtcNow, 1, accept: true, null);
        b.Verify(actor, DateTime.UtcNow, 1, accept: false, "佐证不足");
        await first.SaveChangesAsync();
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = desk.Storage.CreateContext();
        (await check.NoticeItems.SingleAsync(i => i.NoticeId == id && i.Position == 1)).State.ShouldBe(ItemState.Accepted);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task After_a_missed_deadline_the_pack_of_the_recipients_area_proposes_what_follows(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var (db, clock, service) = (desk.Db, desk.Clock, desk.Service);
        var deadline = new DateOnly(2031, 1, 15);
        var yuanqu = await service.CreateAsync(await desk.ScopeAsync("yuanqu-office"), "垣曲县专业镇办", Draft(RecipientKind.Township, await desk.TownshipAsync(Yuanqu + "/古城镇"), deadline));
        var yangquan = await service.CreateAsync(await desk.ScopeAsync("yangquan-office"), "阳泉市专业镇办", Draft(RecipientKind.Town, await desk.TownAsync("平定砂器刻花瓷专业镇"), deadline));
        var xinjiangOffice = await desk.ScopeAsync("xinjiang-office");
        var xinjiang = await service.CreateAsync(xinjiangOffice, "新绛县专业镇办", Draft(RecipientKind.Unit, await desk.UnitAsync(Xinjiang, "县农业农村局"), deadline));

        // What the notice prints is decided when it is issued, from the pack governing the recipient's area.
        var stored = await db.Notices.AsNoTracking().Where(n => new[] { yuanqu, yangquan, xinjiang }.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => (n.PolicyPackId, n.OverdueConsequence));
        stored[yuanqu].ShouldBe(("yuanqu-2023-19", "将依照垣政办发〔2023〕19号进行通报批评和约谈"));
        stored[yangquan].ShouldBe(("yangquan-2023-24", "将依照阳政办发〔2023〕24号给予通报批评"));
        stored[xinjiang].ShouldBe(("xinjiang-2023-33", (string?)null));

        var before = await service.ViewAsync(xinjiangOffice, xinjiang, "新绛县专业镇办");
        (before.Status, before.Steps.Contains(NoticeStep.RecordAction)).ShouldBe((NoticeStatus.Issued, false));
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordActionsAsync(xinjiangOffice, "新绛县专业镇办", xinjiang, [new ActionInput(NoticeActionKind.Interview, new DateOnly(2030, 12, 30), null, null)])))
            .Message.ShouldBe("整改期限（2031年1月15日）未到，不能记录逾期处理");

        clock.MoveTo(new DateOnly(2031, 1, 16));
        var y = await service.ViewAsync(await desk.ScopeAsync("yuanqu-office"), yuanqu, "垣曲县专业镇办");
        (y.Status, y.Light).ShouldBe((NoticeStatus.Overdue, DeadlineLight.Overdue));
        y.Steps.ShouldContain(NoticeStep.RecordAction);
        y.Proposal.Actions.Select(a => (a.Kind, a.PlatformDefault, a.Source)).ShouldBe([
            (NoticeActionKind.PublicCriticism, false, "垣政办发〔2023〕19号 五（四）"), (NoticeActionKind.Interview, false, "垣政办发〔2023〕19号 五（四）")]);

        var q = await service.ViewAsync(await desk.ScopeAsync("yangquan-office"), yangquan, "阳泉市专业镇办");
        q.Status.ShouldBe(NoticeStatus.Overdue);
        q.Proposal.Actions.ShouldHaveSingleItem().ShouldBe(new ProposedAction(NoticeActionKind.PublicCriticism, "未按时完成整改任务的，给予通报批评", "阳政办发〔2023〕24号 六（五）", false));

        var x = await service.ViewAsync(xinjiangOffice, xinjiang, "新绛县专业镇办");
        x.Status.ShouldBe(NoticeStatus.Overdue);
        x.Proposal.Silent.ShouldBeTrue();
        x.Proposal.Actions.Select(a => (a.Kind, a.PlatformDefault)).ShouldBe([(NoticeActionKind.PublicCriticism, true), (NoticeActionKind.Interview, true)]);
        x.Proposal.Explanation.ShouldContain("未规定逾期未完成整改的处理");

        // The lists and the count agree.
        (await service.ListAsync(xinjiangOffice, new NoticeFilter { Status = NoticeStatus.Overdue })).Items.Select(n => n.Id).ShouldContain(xinjiang);
        (await service.ListAsync(xinjiangOffice, new NoticeFilter { Overdue = true })).Items.ShouldAllBe(n => n.Status == NoticeStatus.Overdue);
        (await service.OverdueCountAsync(await desk.ScopeAsync("yangquan-office"))).ShouldBe(1);

        // The office chose an interview; the unit cannot record it, the office does, and the notice is handled.
        var unit = await desk.ScopeAsync("xinjiang-member");
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordActionsAsync(unit, "新绛县农业农村局", xinjiang,
            [new ActionInput(NoticeActionKind.Interview, new DateOnly(2031, 1, 16), null, null)]))).Message.ShouldContain("只有下发通知书的领导小组办公室");
        // Its 文号 is held to GB/T 9704 as the evaluation's 发文字号 is: refused off the standard, nothing recorded.
        (await Should.ThrowAsync<NoticeRuleException>(() => service.RecordActionsAsync(xinjiangOffice, "新绛县专业镇办", xinjiang,
            [new ActionInput(NoticeActionKind.Interview, new DateOnly(2031, 1, 16), "垣专办(2026)9号", "约谈分管负责同志")])))
            .Message.ShouldBe("发文字号“垣专办(2026)9号”年份应用六角括号“〔〕”括入，不用“()”。应写作：垣专办〔2026〕9号");
        (await service.ViewAsync(xinjiangOffice, xinjiang, "新绛县专业镇办")).Notice.Actions.ShouldBeEmpty();
        await service.RecordActionsAsync(xinjiangOffice, "新绛县专业镇办", xinjiang, [new ActionInput(NoticeActionKind.Interview, new DateOnly(2031, 1, 16), "新专办〔2031〕1号", "约谈分管负责同志")]);
        var handled = await service.ViewAsync(xinjiangOffice, xinjiang, "新绛县专业镇办");
        (handled.Status, handled.Steps.Count).ShouldBe((NoticeStatus.Handled, 0));
        handled.Notice.Actions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(NoticeActionKind.Interview), a => a.DocumentNumber.ShouldBe("新专办〔2031〕1号"), a => a.RecordedBy.ShouldBe("新绛县专业镇办"));
        (await service.ListAsync(xinjiangOffice, new NoticeFilter { Status = NoticeStatus.Handled })).Items.Select(n => n.Id).ShouldContain(xinjiang);
        (await service.ListAsync(xinjiangOffice, new NoticeFilter { Overdue = true })).Items.Select(n => n.Id).ShouldNotContain(xinjiang);
    }

    private static List<string> Paragraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_notice_downloads_as_an_official_document_with_its_number_findings_deadline_and_consequence(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var service = desk.Service;
        var office = await desk.ScopeAsync("yuanqu-office");
        var id = await service.CreateAsync(office, "垣曲县专业镇办", Draft(RecipientKind.Township, await desk.TownshipAsync(Yuanqu + "/古城镇"), new DateOnly(2031, 2, 5),
            "古城镇渔业专业镇重点项目开工率为 40%", "专班月报 2 个月未按时报送"));

        var (content, name) = await service.DocumentAsync(await desk.ScopeAsync("yuncheng-leader"), id);
        name.ShouldBe("督办通知书-垣专办督〔2030〕1号.docx");
        var text = Paragraphs(content);
        text.ShouldContain("垣曲县专业镇发展领导小组办公室");
        text.ShouldContain("垣专办督〔2030〕1号");
        text.ShouldContain("关于专业镇建设工作的督办通知书");
        text.ShouldContain("古城镇人民政府：");
        text.ShouldContain("（一）古城镇渔业专业镇重点项目开工率为 40%。（问题来源：2025年度评估·项目开工率）");
        text.ShouldContain("（二）专班月报 2 个月未按时报送。（问题来源：月报记录）");
        var requirement = text.Single(p => p.StartsWith("请你单位对照上述问题", StringComparison.Ordinal));
        requirement.ShouldContain("于2031年2月5日前完成整改");
        requirement.ShouldEndWith("逾期未完成整改的，将依照垣政办发〔2023〕19号进行通报批评和约谈。");
        text.ShouldContain("联系人：李明，联系电话：0359-6022135。");
        text.ShouldContain("2030年12月30日");
        string.Concat(text).ShouldContain("抄送：县专业镇发展领导小组各成员单位");

        // A document silent on it: the notice says nothing of a consequence.
        var silent = await service.CreateAsync(await desk.ScopeAsync("xinjiang-office"), "新绛县专业镇办", Draft(RecipientKind.Unit, await desk.UnitAsync(Xinjiang, "县农业农村局"), new DateOnly(2031, 2, 5)));
        var silentText = Paragraphs((await service.DocumentAsync(await desk.ScopeAsync("xinjiang-office"), silent)).Content);
        silentText.ShouldContain("县农业农村局：");
        silentText.ShouldContain("新专办督〔2030〕1号");
        string.Concat(silentText).ShouldNotContain("逾期未完成整改");
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_batch_from_the_evaluation_is_issued_all_or_nothing(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var (db, service) = (desk.Db, desk.Service);
        var city = await desk.ScopeAsync("yuncheng-office");
        var lishan = await desk.TownAsync("历山镇蜂蜜专业镇");
        var wanan = await desk.TownAsync("万安钻石专业镇");
        var gucheng = await desk.TownAsync("古城镇渔业专业镇");
        var before = await db.Notices.CountAsync();
        NoticeDraft[] drafts =
        [
            Draft(RecipientKind.Town, lishan, new DateOnly(2031, 1, 30)) with { EvaluationId = 7 },
            Draft(RecipientKind.Town, wanan, new DateOnly(2030, 12, 1)) with { EvaluationId = 7 },
            Draft(RecipientKind.Town, gucheng, new DateOnly(2031, 1, 30)) with { EvaluationId = 7, Findings = [new NoticeFinding("问题", "")] },
        ];
        var ex = await Should.ThrowAsync<NoticeBatchException>(() => service.CreateManyAsync(city, "运城市专业镇办", drafts));
        ex.Errors.Keys.ShouldBe([1, 2]);
        ex.Errors[1].ShouldBe(new FieldErrors { ["Deadline"] = "整改期限须晚于发文日期（2030年12月30日）" });
        ex.Errors[2].Keys.ShouldBe(["Findings[0].Source"]);
        (await db.Notices.CountAsync()).ShouldBe(before, "one bad draft issues none of the batch");

        drafts[1] = drafts[1] with { Deadline = new DateOnly(2031, 1, 30) };
        drafts[2] = drafts[2] with { Findings = [new NoticeFinding("渔业专业镇产值增速低于全县平均", "2025年度评估·产值增速")] };
        var ids = await service.CreateManyAsync(city, "运城市专业镇办", drafts);
        ids.Count.ShouldBe(3);
        var made = await db.Notices.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync();
        ids.Select(i => made.Single(n => n.Id == i).DocumentNumber).ShouldBe(["运专办督〔2030〕1号", "运专办督〔2030〕2号", "运专办督〔2030〕3号"]);
        made.ShouldAllBe(n => n.EvaluationId == 7 && n.IssuingOffice == "运城市专业镇发展领导小组办公室");
        // The city's own document governs what follows a missed deadline of its notices, not the counties' (decision 0012).
        made.ShouldAllBe(n => n.PolicyPackId == "yuncheng-2023-8");
        (await service.ListAsync(city, new NoticeFilter { EvaluationId = 7 })).Total.ShouldBe(3);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Reminders_tell_the_recipient_of_its_own_and_the_offices_of_their_area(StorageProvider provider)
    {
        await using var desk = await NoticeDesk.OpenAsync(provider);
        var (db, clock, service) = (desk.Db, desk.Clock, desk.Service);
        var office = await desk.ScopeAsync("yuanqu-office");
        var township = await desk.ScopeAsync("lishan-township");
        var id = await desk.IssueToLishanAsync(new DateOnly(2031, 1, 10));
        var number = (await db.Notices.SingleAsync(n => n.Id == id)).DocumentNumber;

        async Task<List<Reminder>> For(UserScope scope) => (await NoticeReminders.ForAsync(service, scope, default)).Where(r => r.Link == $"/Notices/Detail/{id}").ToList();

        (await For(township)).ShouldBeEmpty("eleven days left: not yet");
        clock.MoveTo(new DateOnly(2031, 1, 5));
        (await For(township)).ShouldHaveSingleItem().ShouldBe(new Reminder("督办通知书", ReminderLevel.Yellow, $"{number}：整改期限还剩 5 天（2031年1月10日），还有 2 项未报送", $"/Notices/Detail/{id}"));
        (await For(office)).ShouldHaveSingleItem().Text.ShouldBe($"{number}（历山镇蜂蜜专业镇）：整改期限还剩 5 天（2031年1月10日），2 项未报送");
        (await For(await desk.ScopeAsync("xinjiang-office"))).ShouldBeEmpty();
        (await For(await desk.ScopeAsync("yuanqu-member"))).ShouldBeEmpty();

        await service.RecordAsync(township, "历山镇专业镇专干", id, 1, new RectificationInput("已开工", "照片"));
        await service.SubmitAsync(township, "历山镇专业镇专干", id);
        (await For(office)).Select(r => r.Text).ShouldContain($"{number}（历山镇蜂蜜专业镇）：1 项整改情况待核验");

        clock.MoveTo(new DateOnly(2031, 1, 13));
        (await For(township)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            r => r.Level.ShouldBe(ReminderLevel.Red), r => r.Text.ShouldBe($"{number}：整改已逾期 3 天，还有 1 项未报送"));
        var officeReminders = await For(office);
        officeReminders.ShouldContain(r => r.Level == ReminderLevel.Red && r.Text == $"{number}（历山镇蜂蜜专业镇）：逾期 3 天未完成整改，请决定处理（通报批评、约谈等）");
        // The city office above hears of it too.
        (await For(await desk.ScopeAsync("yuncheng-office"))).ShouldContain(r => r.Level == ReminderLevel.Red);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_demo_notices_look_right_on_the_day_they_are_loaded(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = NoticeDesk.ServiceOn(db, TimeProvider.System);
        var admin = new UserScope(1, Roles.Admin, "山西省", null);
        var list = (await service.ListAsync(admin, new NoticeFilter())).Items;
        list.Select(n => (n.RecipientName, n.Status)).ShouldBe([
            ("历山镇蜂蜜专业镇", NoticeStatus.Issued), ("平定砂器刻花瓷专业镇", NoticeStatus.Rectified),
            ("古城镇", NoticeStatus.Overdue), ("县农业农村局", NoticeStatus.Handled)], ignoreOrder: true);
        list.Single(n => n.RecipientName == "历山镇蜂蜜专业镇").Light.ShouldBe(DeadlineLight.DueSoon);
        list.Single(n => n.RecipientName == "历山镇蜂蜜专业镇").AwaitingVerification.ShouldBe(1);
        var gucheng = await service.ViewAsync(admin, list.Single(n => n.RecipientName == "古城镇").Id, "系统管理员");
        gucheng.Proposal.Actions.Select(a => a.Kind).ShouldBe([NoticeActionKind.PublicCriticism, NoticeActionKind.Interview]);
        gucheng.Notice.DocumentNumber.ShouldStartWith("垣专办督〔");
        gucheng.Steps.ShouldContain(NoticeStep.RecordAction);
        var handled = await service.ViewAsync(admin, list.Single(n => n.RecipientName == "县农业农村局").Id, "系统管理员");
        handled.Notice.Actions.ShouldHaveSingleItem().Kind.ShouldBe(NoticeActionKind.Interview);
        handled.Proposal.Silent.ShouldBeTrue();

        // Each rests on what the platform holds: a notice that cites an evaluation links a published one, and none blames a
        // town for 专班月报 it has no 专班 to send (古城镇渔业专业镇 has none).
        var published = await db.Evaluations.AsNoTracking().Where(e => e.State == SpecializedTowns.Core.Evaluation.EvaluationState.Published).Select(e => e.Id).ToListAsync();
        foreach (var n in await db.Notices.AsNoTracking().Include(n => n.Items).Where(n => n.IsDemo).ToListAsync())
        {
            if (n.Basis.Contains("评估") || n.Items.Any(i => i.Source.Contains("评估")))
                published.ShouldContain(n.EvaluationId ?? 0, $"{n.RecipientName}：“{n.Basis}”");
            n.Items.ShouldNotBeEmpty();
        }
        (await db.TaskForces.AnyAsync(f => f.Town!.Name == "古城镇渔业专业镇")).ShouldBeFalse();
        gucheng.Notice.Items.ShouldNotContain(i => i.Finding.Contains("月报") || i.Source.Contains("月报"));
        gucheng.Notice.Items.ShouldContain(i => i.Source == "问题台账");
        (await db.Problems.AnyAsync(p => p.Title == "古城黄河水产水域滩涂养殖证续期办理时间长")).ShouldBeTrue("the ledger entry notice 1 cites");
        (await NoticeDemo.LoadAsync(db, TimeProvider.System)).ShouldBe(0, "loaded once");
    }
}
