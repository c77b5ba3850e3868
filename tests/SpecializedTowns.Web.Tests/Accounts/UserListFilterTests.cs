using System.Net;
using System.Text.RegularExpressions;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Accounts;

/// <summary>
/// 系统 → 用户's 角色 and 状态 filters read a value in any letter case or by its Chinese name, as the other lists do; a value
/// that names nothing is said so above the list instead of a full list under an address that claims a filter.
/// </summary>
public partial class UserListFilterTests
{
    [GeneratedRegex("共 ([\\d,]+) 个账号")]
    private static partial Regex Total();

    private static async Task<(int Total, string Page)> ListAsync(HttpClient admin, string query)
    {
        var response = await admin.GetAsync("/Admin/Users?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return (int.Parse(Total().Match(page).Groups[1].Value.Replace(",", "")), page);
    }

    [Fact]
    public async Task Role_and_state_are_read_in_any_case_or_by_name_and_an_unknown_one_is_said()
    {
        var admin = await SeededPlatforms.SignedInAsync(StorageProvider.Sqlite, "admin");
        var (all, _) = await ListAsync(admin, "");
        var (offices, _) = await ListAsync(admin, "role=office");
        offices.ShouldBeGreaterThan(0);
        offices.ShouldBeLessThan(all);
        foreach (var word in new[] { "OFFICE", "Office", "领导小组办公室" })
            (await ListAsync(admin, "role=" + Uri.EscapeDataString(word))).Total.ShouldBe(offices, word);

        var (active, _) = await ListAsync(admin, "state=active");
        (await ListAsync(admin, "state=" + Uri.EscapeDataString("在用"))).Total.ShouldBe(active);
        (await ListAsync(admin, "state=ACTIVE")).Total.ShouldBe(active);

        var (shown, page) = await ListAsync(admin, "role=mayor&state=gone");
        shown.ShouldBe(all);
        page.ShouldContain("未知的角色“mayor”，已显示全部");
        page.ShouldContain("未知的账号状态“gone”，已显示全部");
        (await ListAsync(admin, "role=office")).Page.ShouldNotContain("未知的");
    }
}
