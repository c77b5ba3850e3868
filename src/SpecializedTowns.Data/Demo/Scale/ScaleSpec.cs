namespace SpecializedTowns.Data.Demo.Scale;

/// <summary>
/// How much a generated deployment holds (issue 8). Province: all of Shanxi. National: Shanxi as at province scale plus
/// thirty other provinces carrying the rest of the townships and enterprises, so Shanxi's pages are measured against
/// tables twenty times their size.
/// </summary>
public sealed record ScaleSpec(
    string Name, int Counties, int Townships, int Towns, int Enterprises, int Projects, int Tasks, int Problems, int Accounts,
    int NationalTownships = 0, int NationalTowns = 0, int NationalEnterprises = 0)
{
    public static readonly ScaleSpec Province = new("province", 117, 1_200, 300, 300_000, 20_000, 10_000, 20_000, 3_000);

    public static readonly ScaleSpec National = Province with
    {
        Name = "national", NationalTownships = 40_000, NationalTowns = 3_000, NationalEnterprises = 5_000_000,
    };

    public bool IsNational => NationalEnterprises > 0;

    public static ScaleSpec? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "province" => Province,
        "national" => National,
        _ => null,
    };

    /// <summary>The same shape with every count divided (at least one of each), for tests and quick trials.</summary>
    public ScaleSpec Divide(int by) => by <= 1 ? this : this with
    {
        Townships = Math.Max(Counties, Townships / by), Towns = Math.Max(30, Towns / by), Enterprises = Math.Max(300, Enterprises / by),
        Projects = Math.Max(30, Projects / by), Tasks = Math.Max(30, Tasks / by), Problems = Math.Max(30, Problems / by),
        Accounts = Math.Max(150, Accounts / by),
        NationalTownships = NationalTownships / by, NationalTowns = NationalTowns / by, NationalEnterprises = NationalEnterprises / by,
    };
}

public sealed record ScaleReport(
    int Jurisdictions, int Towns, int Enterprises, int EnterpriseStatistics, int Projects, int ProjectProgress, int Tasks, int Problems, int Accounts);
