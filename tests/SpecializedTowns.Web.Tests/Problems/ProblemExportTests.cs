using System.Net;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Tests.Exports;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>问题台账's export as an office reports it to leaders: the description, the cooperating units, the answer and the dates.</summary>
public class ProblemExportTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_workbook_carries_description_cooperating_units_answer_and_the_dates_of_acceptance_and_closing(StorageProvider provider)
    {
        var factory = await SeededPlatforms.GetAsync(provider);
        var office = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSignIn.SignInAsync(office, "yuanqu-office", SeededPlatforms.Password);
        var response = await office.GetAsync("/Problems?handler=Export&format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        var rows = ExportFiles.Xlsx(await response.Content.ReadAsByteArrayAsync());
        var header = rows[0].Select(h => (string)h!).ToList();
        foreach (var column in new[] { "问题描述", "配合单位", "受理日期", "答复内容", "办结日期" }) header.ShouldContain(column);
        int Col(string name) => header.IndexOf(name);
        object?[] Row(string title) => rows.Skip(1).Single(r => (string)r[Col("问题")]! == title);

        var closed = Row("历山蜂蜜线上销售渠道单一，品牌推广不足");
        ((string)closed[Col("问题描述")]!).Length.ShouldBeGreaterThan(10);
        ((string)closed[Col("配合单位")]!).ShouldContain("、", customMessage: "both cooperating units, by name");
        ((string)closed[Col("答复内容")]!).ShouldStartWith("已组织 5 家企业入驻县电商直播基地");
        closed[Col("受理日期")].ShouldBeOfType<DateTime>();
        closed[Col("办结日期")].ShouldBeOfType<DateTime>();
        ((DateTime)closed[Col("办结日期")]!).ShouldBeGreaterThan((DateTime)closed[Col("受理日期")]!);

        var declined = Row("王家蜂场家庭农场申请蜂场扩建补贴");
        declined[Col("办结日期")].ShouldBeNull("不予受理 is not 办结");
        var registered = Row("古城冷链物流冷库扩建用电增容");
        (registered[Col("受理日期")], registered[Col("答复内容")], registered[Col("配合单位")]).ShouldBe((null, null, null));

        var csv = await office.GetAsync("/Problems?handler=Export&format=csv");
        var (csvHeader, csvRows) = ExportFiles.Csv(await csv.Content.ReadAsByteArrayAsync());
        csvHeader.ShouldBe(header.ToArray());
        csvRows.Count.ShouldBe(rows.Count - 1);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Each_page_reads_the_details_of_its_own_problems_only(StorageProvider provider)
    {
        var storage = await TestDatabases.WithDemoAsync(provider);
        await using var db = storage.CreateContext();
        var service = new ProblemService(db, TimeProvider.System, new ProblemSettings());
        var scope = new UserScope(1, Roles.Office, "山西省/运城市", null);
        var filter = new ProblemFilter { PageSize = 3 };
        var all = new List<ProblemExportRow>();
        for (var page = 1; ; page++)
        {
            var result = await service.ExportPageAsync(scope, filter with { Page = page });
            result.Items.Count.ShouldBeLessThanOrEqualTo(3);
            all.AddRange(result.Items);
            if (page >= result.Pages) break;
        }
        var expected = await db.Problems.AsNoTracking().Where(p => p.IsDemo && db.Jurisdictions.Any(j => j.Id == p.JurisdictionId && j.Path.StartsWith("山西省/运城市/")))
            .Select(p => new { p.Id, p.Description, p.LatestAnswer, Cooperating = p.CooperatingUnits.Count }).ToListAsync();
        all.Select(r => r.Item.Id).ShouldBe(expected.Select(e => e.Id), ignoreOrder: true);
        all.Select(r => r.Item.Id).ShouldBeUnique();
        foreach (var e in expected)
        {
            var row = all.Single(r => r.Item.Id == e.Id);
            (row.Description, row.LatestAnswer).ShouldBe((e.Description, e.LatestAnswer));
            (row.CooperatingUnits?.Split('、').Length ?? 0).ShouldBe(e.Cooperating);
            if (row.ClosedOn is not null) row.Item.State.ShouldBe(ProblemState.Closed);
        }
    }
}
