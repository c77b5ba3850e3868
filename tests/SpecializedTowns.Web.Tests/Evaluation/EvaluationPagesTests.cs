using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Evaluation;

/// <summary>The 年度评估 pages as an office uses them, on a demo platform of the test's own (they write).</summary>
public partial class EvaluationPagesTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex Version();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage, params (string, string)[] fields)
    {
        var token = Token().Match(formPage).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token))));
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Deleting_a_draft_says_so_on_the_list_it_returns_to(StorageProvider provider)
    {
        var (factory, office) = await PageSignIn.OwnPlatformAsync(provider, "yuanqu-office");
        await using var _ = factory;
        var created = await PostAsync(office, "/Evaluations", await office.GetStringAsync("/Evaluations"), ("Input.Year", "2025"), ("Input.Kind", "unit"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detailUrl = created.Headers.Location!.OriginalString;
        var detail = await office.GetStringAsync(detailUrl);

        var deleted = await PostAsync(office, detailUrl + "?handler=Delete", detail, ("Version", Version().Match(detail).Groups[1].Value));
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.OriginalString.ShouldBe("/Evaluations");
        (await office.GetStringAsync("/Evaluations")).ShouldContain("评估草稿已删除");
        (await office.GetAsync(detailUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
