using System.Security.Claims;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Problems;

/// <summary>How the ledger's pages write states and time limits (UI.md: 红 overdue, 黄 due soon, 绿 on track, 灰 not started).</summary>
public static class ProblemDisplay
{
    public static string DeadlineBadge(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Overdue => "badge text-bg-danger",
        DeadlineStatus.DueSoon => "badge text-bg-warning",
        DeadlineStatus.OnTrack => "badge text-bg-success",
        DeadlineStatus.NotSet => "badge text-bg-secondary",
        _ => "",
    };

    public static string StateBadge(ProblemState state) => state switch
    {
        ProblemState.Registered => "badge text-bg-secondary",
        ProblemState.Accepted => "badge text-bg-info",
        ProblemState.Handling => "badge text-bg-primary",
        ProblemState.Answered => "badge text-bg-warning",
        ProblemState.Closed => "badge text-bg-success",
        _ => "badge text-bg-light border",
    };

    /// <summary>Where the reader's own documents ask for the ledger, shown on the pages so that a clerk can cite it (see PolicyBasis).</summary>
    public static BasisView Basis(PolicyCatalog catalog, ClaimsPrincipal user) =>
        BasisDisplay.For(catalog, user, "problems", Clauses.ProblemLedger);
}
