namespace SpecializedTowns.Core.Policies;

/// <summary>A policy pack as stored for a deployment: which document governs which jurisdiction, and the pack itself.</summary>
public sealed class PolicyDocumentRecord
{
    /// <summary>The pack id, e.g. yuanqu-2023-19.</summary>
    public required string Id { get; set; }
    public string? Number { get; set; }
    public required string Title { get; set; }
    public required string JurisdictionName { get; set; }
    public int? JurisdictionId { get; set; }
    public required string Level { get; set; }
    public required string Status { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public required string PackYaml { get; set; }
    public DateTime LoadedAtUtc { get; set; }
}
