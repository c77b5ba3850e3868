using System.Net;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>
/// The 督办通知书 and 问题台账 APIs take the sort keys their filters (NoticeFilter.SortKeys, ProblemFilter.SortKeys) and
/// their pages take, in any letter case, and an unknown key is refused with those keys listed.
/// </summary>
public class ApiSortKeysTests
{
    [Theory]
    [InlineData("/api/v1/notices", "notices")]
    [InlineData("/api/v1/problems", "problems")]
    public async Task The_api_accepts_the_filter_s_sort_keys_and_lists_them_when_refusing(string url, string list)
    {
        var api = await SeededPlatforms.ClientAsync(StorageProvider.Sqlite, "yuanqu-office");
        var keys = list == "notices" ? NoticeFilter.SortKeys : ProblemFilter.SortKeys;
        foreach (var key in keys)
        {
            var plain = await api.GetAsync($"{url}?sort=-{key}");
            plain.StatusCode.ShouldBe(HttpStatusCode.OK, key);
            // The page reads NUMBER as number; so does the API, in the same order.
            var upper = await api.GetAsync($"{url}?sort=-{key.ToUpperInvariant()}");
            upper.StatusCode.ShouldBe(HttpStatusCode.OK, key.ToUpperInvariant());
            Ids(await upper.Content.ReadAsStringAsync()).ShouldBe(Ids(await plain.Content.ReadAsStringAsync()), key);
        }
        var bad = await api.GetAsync($"{url}?sort=size");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        detail.ShouldContain("未知的排序“size”");
        foreach (var key in keys) detail.ShouldContain(key);
    }

    private static List<int> Ids(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
}
