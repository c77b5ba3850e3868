using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Problems;

/// <summary>The problem ledger's filter bar: the towns and units it offers, and the chosen ones staying chosen after the form is sent.</summary>
public partial class ProblemFilterPageTests
{
    [GeneratedRegex("<select[^>]*name=\"(?<name>townId|unitId)\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex("<option value=\"(?<value>[^\"]*)\"(?<selected> selected=\"selected\")?>(?<text>[^<]*)</option>")]
    private static partial Regex Option();

    private static Dictionary<string, List<(string Value, bool Selected, string Text)>> Choices(string page) =>
        Select().Matches(WebUtility.HtmlDecode(page)).ToDictionary(m => m.Groups["name"].Value,
            m => Option().Matches(m.Groups["options"].Value).Select(o => (o.Groups["value"].Value, o.Groups["selected"].Success, o.Groups["text"].Value)).ToList());

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task The_chosen_town_and_unit_stay_chosen_and_nothing_else_is(StorageProvider provider)
    {
        var office = await SeededPlatforms.ClientAsync(provider, "yuncheng-office");
        var bare = Choices(await office.GetStringAsync("/Problems"));
        bare.Keys.ShouldBe(["townId", "unitId"], ignoreOrder: true);
        foreach (var (name, options) in bare)
        {
            options[0].ShouldBe(("", false, "全部"), name);
            options.Count.ShouldBeGreaterThan(1, name);
            options.ShouldAllBe(o => !o.Selected, name);
        }

        var (town, unit) = (bare["townId"][^1], bare["unitId"][^1]);
        var chosen = Choices(await office.GetStringAsync($"/Problems?townId={town.Value}&unitId={unit.Value}"));
        chosen["townId"].Where(o => o.Selected).ShouldBe([(town.Value, true, town.Text)]);
        chosen["unitId"].Where(o => o.Selected).ShouldBe([(unit.Value, true, unit.Text)]);
        // The same choices are offered whatever is chosen.
        chosen["townId"].Select(o => o.Value).ShouldBe(bare["townId"].Select(o => o.Value));
        chosen["unitId"].Select(o => o.Value).ShouldBe(bare["unitId"].Select(o => o.Value));
    }
}
