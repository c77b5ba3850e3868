using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>
/// A list page's select filters take what the API takes (the code in any case, or the Chinese name); a value that names
/// nothing is said so above the list, which is then shown whole, rather than a silent full list under a filtered address.
/// </summary>
public partial class ListFilterValueTests
{
    [GeneratedRegex("共 (\\d+) ")]
    private static partial Regex Total();

    private static int TotalOf(string page) => Total().Match(page) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_problem_ledger_reads_the_apis_state_words_and_says_when_a_state_is_unknown()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var all = TotalOf(await PageAsync(office, "/Problems"));
        all.ShouldBeGreaterThan(0);

        var named = await PageAsync(office, "/Problems?status=Closed");
        var closed = TotalOf(named);
        closed.ShouldBeLessThan(all);
        foreach (var word in new[] { "closed", "CLOSED", "已办结" })
        {
            var page = await PageAsync(office, "/Problems?status=" + Uri.EscapeDataString(word));
            TotalOf(page).ShouldBe(closed, word);
            page.ShouldNotContain("未知的状态", customMessage: word);
            // The select shows the state the list is filtered by.
            page.ShouldContain("<option value=\"Closed\" selected=\"selected\">", customMessage: word);
        }

        var unknown = await PageAsync(office, "/Problems?status=shut");
        unknown.ShouldContain("未知的状态“shut”，已显示全部");
        TotalOf(unknown).ShouldBe(all);
        unknown.ShouldNotContain("selected=\"selected\">已办结");

        // An enumeration the page binds itself (问题类别) is read the same way.
        var category = await PageAsync(office, "/Problems?category=nonsense");
        category.ShouldContain("未知的问题类别“nonsense”，已显示全部");
        TotalOf(category).ShouldBe(all);
    }

    [Fact]
    public async Task Other_lists_take_codes_and_names_and_note_unknown_values()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuanqu-office");
        var projects = TotalOf(await PageAsync(office, "/Projects"));
        var signed = TotalOf(await PageAsync(office, "/Projects?stage=Signed"));
        signed.ShouldBeLessThan(projects);
        TotalOf(await PageAsync(office, "/Projects?stage=signed")).ShouldBe(signed);
        TotalOf(await PageAsync(office, "/Projects?stage=" + Uri.EscapeDataString("签约"))).ShouldBe(signed);
        var bad = await PageAsync(office, "/Projects?stage=started-ish");
        bad.ShouldContain("未知的阶段“started-ish”，已显示全部");
        TotalOf(bad).ShouldBe(projects);

        (await PageAsync(office, "/Support/Listing?stage=ipo-soon")).ShouldContain("未知的上市后备阶段“ipo-soon”，已显示全部");
        (await PageAsync(office, "/Towns?tier=golden")).ShouldContain("未知的梯次“golden”，已显示全部");
        (await PageAsync(office, "/Towns?tier=RESERVE")).ShouldNotContain("未知的梯次");
        (await PageAsync(office, "/Enterprises?role=boss")).ShouldContain("未知的企业类型“boss”，已显示全部");
        // Nothing chosen is no note.
        (await PageAsync(office, "/Problems?status=&category=")).ShouldNotContain("未知的");
    }

    [Fact]
    public async Task The_adjustment_list_reads_its_kind_in_any_case_and_says_when_a_kind_is_unknown()
    {
        var office = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "yuncheng-office");
        foreach (var word in new[] { "warning", "WARNING", "预警" })
            (await PageAsync(office, "/Adjustments?kind=" + Uri.EscapeDataString(word))).ShouldNotContain("未知的调整类别", customMessage: word);
        (await PageAsync(office, "/Adjustments?kind=review")).ShouldNotContain("未知的");
        (await PageAsync(office, "/Adjustments?kind=shrink")).ShouldContain("未知的调整类别“shrink”，已显示全部");
    }
}
