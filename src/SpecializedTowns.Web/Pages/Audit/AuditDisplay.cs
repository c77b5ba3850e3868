using SpecializedTowns.Core.Audit;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Pages.Audit;

public static class AuditDisplay
{
    /// <summary>The page of a kind of record, for a link from its audit entries; null where a record has no page of its own.</summary>
    public static string? Link(string type, string id) => type switch
    {
        "SpecializedTown" => $"/Towns/Detail/{id}",
        "Enterprise" => $"/Enterprises/Detail/{id}",
        "RecognitionApplication" => $"/Applications/Detail/{id}",
        "KeyProject" => $"/Projects/Detail/{id}",
        "InvestmentLead" => $"/Leads/Edit/{id}",
        "Problem" => $"/Problems/Detail/{id}",
        "PlanTask" => $"/Tasks/Detail/{id}",
        "TaskForce" => $"/Reports/TaskForce/{id}",
        "AnnualEvaluation" => $"/Evaluations/Detail/{id}",
        "Notice" => $"/Notices/Detail/{id}",
        "ProjectBatch" => $"/Projects/Batches#batch-{id}",
        "TradeEvent" => $"/Support/Events/Detail/{id}",
        "WhiteListEntry" => $"/Support/Finance/Detail/{id}",
        "ListingCandidate" => $"/Support/Listing/Detail/{id}",
        "GeoIndicationApplication" => $"/Support/Brands/GeoIndications/Detail/{id}",
        "ServicePlatform" => $"/Support/Platforms/Detail/{id}",
        _ => null,
    };

    public static string ActionClass(AuditAction action) => action switch
    {
        AuditAction.Created => "text-bg-success",
        AuditAction.Updated => "text-bg-primary",
        AuditAction.SignInFailed => "text-bg-warning",
        AuditAction.DisabledSignIn => "text-bg-secondary",
        _ => "text-bg-danger",
    };

    /// <summary>What a list row says about the change in a few words: the fields changed, or how many were set; a sign-in in a sentence.</summary>
    public static string Summary(AuditEntry entry)
    {
        if (AuditNote.Text(entry) is { } note) return note;
        if (SignInAudit.Summary(entry) is { } signIn) return signIn;
        var changes = entry.ReadChanges();
        if (entry.Action != AuditAction.Updated) return $"{changes.Count} 项内容";
        var names = changes.Select(c => AuditNames.Field(entry.EntityType, c.Field)).ToList();
        return names.Count <= 4 ? string.Join("、", names) : string.Join("、", names.Take(4)) + $" 等 {names.Count} 项";
    }
}
