using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Tests;

/// <summary>The packs shipped in policies/, read once for all tests.</summary>
public static class Packs
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "policies");
    private static readonly Lazy<PolicyCatalog> Lazy = new(() => PolicyCatalog.Load(Directory));
    public static PolicyCatalog Catalog => Lazy.Value;
    public static RecognitionStandard Standard(string id) => Catalog.FindStandard(id) ?? throw new InvalidOperationException($"no standard {id}");
}
