using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Recognition;
using SpecializedTowns.Data.Reserve;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Reserve;

/// <summary>
/// 储备培育 keeps a year's ranking between requests (ClusterYears) while no figure changes; a number an office enters for the
/// standard the candidates are measured against (decision 0021) changes no figure, and must still change the ranking at once.
/// </summary>
public class ReserveEnteredThresholdTests
{
    private static readonly UserScope Yongji = new(1, Roles.Office, "山西省/运城市/永济市", null);

    /// <summary>The platform's packs, with 永济's 龙头企业 left without a number, as a text that gives none leaves it.</summary>
    private static PolicyCatalog WithoutLeadingEnterpriseNumber()
    {
        var dir = Directory.CreateTempSubdirectory("st-policies-").FullName;
        foreach (var file in Directory.GetFiles(TestDatabases.PoliciesDirectory, "*.yaml")) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(dir, "schemes"));
        foreach (var file in Directory.GetFiles(Path.Combine(TestDatabases.PoliciesDirectory, "schemes"), "*.yaml"))
            File.Copy(file, Path.Combine(dir, "schemes", Path.GetFileName(file)));
        var yongji = Path.Combine(dir, "yongji-2024-2025.yaml");
        const string given = "        value: 1\n        unit: 家\n        text: 专业镇的主导产业应至少拥有1家";
        var text = File.ReadAllText(yongji).ReplaceLineEndings("\n");
        text.ShouldContain(given);
        File.WriteAllText(yongji, text.Replace(given, given.Replace("value: 1", "value: null")));
        var catalog = PolicyCatalog.Load(dir);
        catalog.PackStandard("yongji-county")!.Criteria.Single(c => c.Key == "leading-enterprise").Value.ShouldBeNull();
        return catalog;
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_number_entered_for_the_candidates_standard_ranks_them_again_on_the_next_request(StorageProvider provider)
    {
        var catalog = WithoutLeadingEnterpriseNumber();
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var years = new ClusterYears();
        async Task<List<(string Township, string Industry, int Open)>> RankAsync()
        {
            var data = await years.GetAsync(db, 2024, ClusterQueries.ProvinceOf(Yongji));
            var picture = await ClusterQueries.PictureAsync(db, catalog, Yongji, data, null, new CandidateRules());
            picture.Candidates.ShouldAllBe(c => ReferenceEquals(c.Candidate.Target!.Standard, catalog.FindStandard("yongji-county")));
            return picture.Candidates.Select(c => (c.View.Township, c.View.Cell.Industry, c.Candidate.OpenCriteria)).ToList();
        }

        // Unset, 龙头企业 is for the office to enter, not a gap: 张营 果品, which has none, is one criterion nearer.
        (await RankAsync()).ShouldBe([("栲栳镇", "五金铸造", 2), ("虞乡镇", "芦笋", 3), ("张营镇", "果品", 3)]);

        var saved = await ThresholdValueStore.SetAsync(db, catalog, TimeProvider.System, Yongji, "yongji-office", "yongji-county", "leading-enterprise", null, 1,
            "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 三、一是");
        saved.Ok.ShouldBeTrue(string.Join("；", saved.Problems.Values));

        // The same year, kept (no figure changed), ranked against the number now: as ReserveTests finds with the text's own 1 家.
        (await RankAsync()).ShouldBe([("栲栳镇", "五金铸造", 2), ("虞乡镇", "芦笋", 3), ("张营镇", "果品", 4)]);
    }

    [PostgresTheory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task A_kept_year_keeps_its_checks_against_the_latest_number_only(StorageProvider provider)
    {
        var catalog = WithoutLeadingEnterpriseNumber();
        await using var db = (await TestDatabases.WithDemoAsync(provider)).CreateContext();
        var data = await new ClusterYears().GetAsync(db, 2024, ClusterQueries.ProvinceOf(Yongji));
        async Task<int> CandidatesAsync() => (await ClusterQueries.PictureAsync(db, catalog, Yongji, data, null, new CandidateRules())).Candidates.Count;

        var candidates = await CandidatesAsync();
        candidates.ShouldBeGreaterThan(0);
        data.CheckedCells.ShouldBe(candidates);
        // Each number saved makes the standard anew: its candidates are checked again, and the checks against the one before go.
        foreach (var number in new[] { 1, 2, 3 })
        {
            var saved = await ThresholdValueStore.SetAsync(db, catalog, TimeProvider.System, Yongji, "yongji-office", "yongji-county", "leading-enterprise", null, number,
                "《永济市促进专业镇高质量发展行动计划（2024-2025年）》 三、一是");
            saved.Ok.ShouldBeTrue(string.Join("；", saved.Problems.Values));
            (await CandidatesAsync()).ShouldBe(candidates);
            data.CheckedCells.ShouldBe(candidates, $"after the number {number} is saved");
        }
    }
}
