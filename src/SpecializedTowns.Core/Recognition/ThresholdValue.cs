namespace SpecializedTowns.Core.Recognition;

/// <summary>
/// A number an office entered for a threshold its standard's text leaves unset (decision 0021), with the document it cites.
/// Never edited or deleted: a new number for the same criterion supersedes this one, so the rows are the number's history.
/// </summary>
public sealed class ThresholdValue
{
    public const int MaxSource = 200;

    public int Id { get; set; }
    public string StandardId { get; set; } = "";
    public string CriterionKey { get; set; } = "";

    /// <summary>The industry category of a per-category threshold (制造业 …); null for one number for all.</summary>
    public string? Category { get; set; }

    public decimal Value { get; set; }

    /// <summary>The unit as the pack states it (家、万元、%、人), kept so the row reads alone.</summary>
    public string Unit { get; set; } = "";

    /// <summary>出处: the document number and clause the office takes the number from.</summary>
    public string Source { get; set; } = "";

    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAtUtc { get; set; }
    public string? SupersededBy { get; set; }
    public DateTime? SupersededAtUtc { get; set; }
}
