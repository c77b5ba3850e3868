namespace SpecializedTowns.Core.Policies;

/// <summary>The shape of `policy export --json` (contracts/policy-export.md), also served by the API.</summary>
public sealed record PolicyExport(
    string Id,
    string? DocumentNumber,
    string Title,
    string? Issuer,
    string Jurisdiction,
    IReadOnlyList<string> JurisdictionPath,
    string Level,
    string Status,
    string? IssuedOn,
    int? PeriodFrom,
    int? PeriodTo,
    IReadOnlyList<string> Basis,
    IReadOnlyList<string> Standards,
    IReadOnlyList<RecognitionStandard> StandardDefinitions,
    IReadOnlyList<NamedTown> Towns,
    IReadOnlyList<KeyTask> KeyTasks,
    IReadOnlyList<Target> Targets,
    Mechanisms Mechanisms,
    IReadOnlyList<SupportPolicy> SupportPolicies,
    IReadOnlyList<Note> Notes)
{
    public static PolicyExport From(PolicyPack p) => new(
        p.Id, p.Document.Number, p.Document.Title, p.Document.Issuer, p.Document.Jurisdiction,
        p.Document.JurisdictionPath, p.Document.Level, p.Document.Status, p.Document.IssuedOn,
        p.Document.PeriodFrom, p.Document.PeriodTo, p.Document.Basis,
        PolicyCatalog.StandardIdsOf(p), p.Standards, p.Towns, p.KeyTasks, p.Targets, p.Mechanisms,
        p.SupportPolicies, p.Notes);
}
