using System.Security.Claims;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;

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

    /// <summary>
    /// Where the user's own document asks for the ledger, shown on the pages so that a clerk can cite it; an area whose
    /// document says nothing of it gets the practice in plain words, not another county's clause.
    /// </summary>
    public static string Basis(PolicyCatalog catalog, ClaimsPrincipal user) =>
        (UserScope.From(user) is { } scope ? Clauses.ProblemLedger(catalog, scope.JurisdictionPath)?.ToString() : null)
        ?? "领导小组成员单位深入乡镇和企业调研，找准产业发展的共性问题和企业发展的个性问题，建立问题台账，协调配合、跟进帮扶。";
}
