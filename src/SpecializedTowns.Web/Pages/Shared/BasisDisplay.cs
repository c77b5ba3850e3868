using System.Security.Claims;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Web.Pages.Shared;

/// <summary>A clause line for <c>_PolicyBasis</c>: which basis (data-basis), what it says, and the words it starts with.</summary>
public sealed record BasisView(string Key, PolicyBasis Basis, string Lead = PolicyBasis.OwnLabel)
{
    public string Text => Basis.Text(Lead);
}

/// <summary>
/// The clause lines of the pages (问题台账, 三个一批, 专班, 月报, the support registers): always from the documents of the
/// account's own jurisdiction (HomePath). The top-bar switch narrows what is listed, not whose rules the person works under:
/// a 运城 office looking at 垣曲 is not governed by 垣政办发〔2023〕19号.
/// </summary>
public static class BasisDisplay
{
    public static string HomeOf(ClaimsPrincipal user) => UserScope.From(user)?.HomePath ?? "";

    public static BasisView For(PolicyCatalog catalog, ClaimsPrincipal user, string key, Func<PolicyPack, IEnumerable<Clause>> clauses, string lead = PolicyBasis.OwnLabel) =>
        new(key, PolicyBasis.For(catalog, HomeOf(user), clauses), lead);

    public static BasisView Register(PolicyCatalog catalog, ClaimsPrincipal user, string register, string lead = PolicyBasis.OwnLabel) =>
        For(catalog, user, register, pack => Clauses.Register(pack, register), lead);

    /// <summary>
    /// A clause a hint may cite (朔政办发〔2023〕19号 四（八）), when it is one of the reader's own documents: the source, or null,
    /// so that a 垣曲, 阳泉 or province office reads the hint without another area's document.
    /// </summary>
    public static string? OwnClause(PolicyCatalog catalog, ClaimsPrincipal user, string source) =>
        Core.Support.SupportClauses.Find(catalog, source) is { } clause && Core.Support.SupportClauses.Governs(clause, HomeOf(user)) ? clause.Source : null;

    /// <summary>Whether the reader works in <paramref name="areaPath"/> or below it (山西省/朔州市 for 朔州's criterion).</summary>
    public static bool IsOwnArea(ClaimsPrincipal user, string areaPath) =>
        HomeOf(user) is var home && (home == areaPath || home.StartsWith(areaPath + "/", StringComparison.Ordinal));
}
