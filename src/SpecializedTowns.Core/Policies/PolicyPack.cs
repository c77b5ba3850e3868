namespace SpecializedTowns.Core.Policies;

// The classes mirror the YAML of docs/policy-pack-format.md one to one, so that a pack file reads
// as the model does. Enumerated values stay strings here: PolicyPackValidator checks them and
// reports a Chinese message with the line, which an enum conversion error could not.

/// <summary>Anything read from a pack file remembers the line it started on, for error messages.</summary>
public abstract class PackNode
{
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public int Line { get; set; }
}

public sealed class PolicyPack : PackNode
{
    public string Id { get; set; } = "";
    public PolicyDocument Document { get; set; } = new();
    public List<string> AdoptedStandards { get; set; } = [];
    public List<RecognitionStandard> Standards { get; set; } = [];
    public List<NamedTown> Towns { get; set; } = [];
    public List<KeyTask> KeyTasks { get; set; } = [];
    public List<Target> Targets { get; set; } = [];
    public Mechanisms Mechanisms { get; set; } = new();
    public List<SupportPolicy> SupportPolicies { get; set; } = [];
    public List<Note> Notes { get; set; } = [];

    /// <summary>
    /// A name the text also uses for one of its units → the name the unit is registered under, where one document writes
    /// one unit two ways (垣曲: 县市场监督管理局 in the leading group, 县市场监管局 in the task list). The lists above keep the
    /// text's spelling; only the unit records follow this, so that both spellings are one unit's work.
    /// </summary>
    public Dictionary<string, string> UnitAliases { get; set; } = [];

    /// <summary>The file the pack was read from, relative to the policies folder.</summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string FileName { get; set; } = "";

    /// <summary>The file's lines, so that a problem can name the line of the field itself.</summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string[] SourceLines { get; set; } = [];
}

public sealed class PolicyDocument : PackNode
{
    public string? Number { get; set; }
    public string Title { get; set; } = "";
    public string? Issuer { get; set; }
    public string? IssuedOn { get; set; }
    public string Jurisdiction { get; set; } = "";
    public List<string> JurisdictionPath { get; set; } = [];
    public string Level { get; set; } = "";
    public string Status { get; set; } = "";
    public int? PeriodFrom { get; set; }
    public int? PeriodTo { get; set; }
    public List<string> Basis { get; set; } = [];
    public string? InterpretingUnit { get; set; }
    public string? Source { get; set; }

    /// <summary>
    /// Why work planned for <paramref name="year"/> falls outside the years the document runs for (执行期), or null when
    /// inside them or when the document names none. Plans for such a year are made only when the office says the
    /// document is carried on (延用) until a new one.
    /// </summary>
    public string? OutsidePeriod(int year) =>
        (PeriodFrom is { } from && year < from) || (PeriodTo is { } to && year > to)
            ? $"《{Title}》的执行期为{(PeriodFrom, PeriodTo) switch { ({ } f, { } t) when f == t => $"{f}年", ({ } f, { } t) => $"{f}—{t}年", ({ } f, null) => $"{f}年起", (null, { } t) => $"至{t}年", _ => "" }}，{year}年不在其中"
            : null;

    /// <summary>
    /// One of this document's sources as a text quotes it. The pack format lets a draft's sources name it by its short title
    /// (《永济市…（2024-2025年）》 三, without （征求意见稿）); beside the document's full name that reads as another
    /// document, so the title is restored to how the document prints it. Other sources are quoted as written.
    /// </summary>
    public string Quote(string source)
    {
        if (Number is not null || !source.StartsWith('《')) return source;
        var end = source.IndexOf('》');
        if (end < 0) return source;
        var cited = source[1..end];
        return cited != Title && Title.StartsWith(cited, StringComparison.Ordinal) ? $"《{Title}》{source[(end + 1)..]}" : source;
    }
}

public sealed class RecognitionStandard : PackNode
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Tier { get; set; } = "";
    public string Applicant { get; set; } = "";
    public string? ApplicantText { get; set; }
    public string? Cycle { get; set; }
    public string? Source { get; set; }
    public List<Criterion> Criteria { get; set; } = [];
    public List<PriorityFactor> PriorityFactors { get; set; } = [];

    /// <summary>The pack that defines the standard.</summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string PackId { get; set; } = "";

    /// <summary>The number of the document that defines the standard (运政办发〔2023〕8号), when it has one.</summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string? DocumentNumber { get; set; }

    /// <summary>The jurisdiction of the document that defines the standard (山西省), whose office supplies what the pack lacks.</summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string Jurisdiction { get; set; } = "";

    /// <summary>The pack file that defines the standard (shanxi-2022-80.yaml): where its missing numbers are written.</summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public string PackFile { get; set; } = "";

    /// <summary>The standard's clause as cited beside it: <see cref="Cite"/> of its source.</summary>
    public string? Citation => Cite(Source);

    /// <summary>
    /// A clause of the standard as read by anyone it applies to: under the number of the document that sets it. 运城's city
    /// standard is known only as 垣政办发〔2023〕19号 三 quotes it; cited bare, a 新绛 or 永济 town read it as 垣曲's document,
    /// so such a source reads “运政办发〔2023〕8号（据垣政办发〔2023〕19号 三）”. A source in the standard's own document stays as written.
    /// </summary>
    public string? Cite(string? source) =>
        string.IsNullOrWhiteSpace(source) || DocumentNumber is null || source.Contains(DocumentNumber, StringComparison.Ordinal)
            ? source
            : $"{DocumentNumber}（据{source}）";
}

public sealed class Criterion : PackNode
{
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public List<string> Categories { get; set; } = [];
    public string? Fact { get; set; }
    public string? Reading { get; set; }
    public decimal? Value { get; set; }
    public Dictionary<string, decimal?>? ByCategory { get; set; }
    public string? Unit { get; set; }
    public Relaxation? Relaxation { get; set; }
    public ClaimAlternative? OrClaim { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }

    /// <summary>
    /// The numbers an office entered where the text gives none (decision 0021), by category ("" for one number for all); null
    /// on a criterion as its pack states it.
    /// </summary>
    [YamlDotNet.Serialization.YamlIgnore, System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, Recognition.ThresholdValue>? Entered { get; set; }
}

public sealed class Relaxation : PackNode
{
    public decimal Floor { get; set; }
    public string Requires { get; set; } = "";
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class ClaimAlternative : PackNode
{
    public string Fact { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed class PriorityFactor : PackNode
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Source { get; set; }
}

public sealed class NamedTown : PackNode
{
    public string Name { get; set; } = "";
    public List<string> Townships { get; set; } = [];
    public string? County { get; set; }
    public string? Category { get; set; }
    public string? LeadingIndustry { get; set; }
    public string? TierGoal { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class KeyTask : PackNode
{
    public string? Number { get; set; }
    public string? Group { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public List<string> LeadUnits { get; set; } = [];
    public List<string> CooperatingUnits { get; set; } = [];
    public string? Source { get; set; }

    /// <summary>
    /// The platform's registers (资金奖补, 展会活动, 上市后备 — <see cref="SpecializedTowns.Core.Recognition.PackVocabulary.SupportRegisters"/>) this clause is the
    /// basis of, each with the words of the text that say so, quoted in the register's header for people of the pack's area.
    /// Not part of the policy export: it is how the platform reads the clause, not the clause.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<string, string> Registers { get; set; } = [];

    /// <summary>
    /// Whose money the clause is about, when it says (<see cref="SpecializedTowns.Core.Recognition.PackVocabulary.FundLevels"/>):
    /// 朔政办发〔2023〕19号 四（一） "鼓励各县（市、区）设立专业镇发展专项资金" speaks of county funds, and a 省级 grant booked
    /// against it would claim a basis the clause does not give. Empty when the clause names no level: any grant may cite it.
    /// Not part of the policy export: it is how the platform reads the clause, not the clause.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<string> FundLevels { get; set; } = [];
}

public sealed class Target : PackNode
{
    public string Metric { get; set; } = "";
    public string? Scope { get; set; }
    public decimal? Value { get; set; }
    public decimal? MaxValue { get; set; }
    public string? Unit { get; set; }
    public string Comparison { get; set; } = "";
    public string? Deadline { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class Mechanisms : PackNode
{
    public LeadingGroup? LeadingGroup { get; set; }
    public List<TaskForce> TaskForces { get; set; } = [];
    public List<ReportingRule> Reporting { get; set; } = [];
    public List<EvaluationRule> Evaluation { get; set; } = [];
    public List<RevenueTier> RevenueTiers { get; set; } = [];

    /// <summary>动态调整: how many consecutive failing years lead to exit, where a text sets it; absent, the platform default applies.</summary>
    public DynamicAdjustment? DynamicAdjustment { get; set; }
    public List<OtherMechanism> Others { get; set; } = [];
}

public sealed class DynamicAdjustment : PackNode
{
    public int? ExitAfterYears { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class LeadingGroup : PackNode
{
    public string Name { get; set; } = "";
    public string? Leader { get; set; }
    public List<string> Deputies { get; set; } = [];
    public List<string> MemberUnits { get; set; } = [];
    public string? Duties { get; set; }
    public GroupOffice? Office { get; set; }
    public List<RosterEntry> Roster { get; set; } = [];
    public string? Source { get; set; }
}

public sealed class GroupOffice : PackNode
{
    public string? Location { get; set; }
    public string? Director { get; set; }
    public List<string> DeputyDirectors { get; set; } = [];
    public string? Duties { get; set; }
}

public sealed class RosterEntry : PackNode
{
    public string Role { get; set; } = "";
    public string? Name { get; set; }
    public string Position { get; set; } = "";
}

public sealed class TaskForce : PackNode
{
    public string Town { get; set; } = "";
    public List<string> LeadUnits { get; set; } = [];
    public List<string> SupportingUnits { get; set; } = [];
    public List<string> SupportingTownships { get; set; } = [];
    public string? ResponsibleLeader { get; set; }
    public string? Reporting { get; set; }
    public string? Source { get; set; }
}

public sealed class ReportingRule : PackNode
{
    public string Frequency { get; set; } = "";
    public string? Who { get; set; }
    public string? To { get; set; }
    public string? What { get; set; }
    public int? DueDay { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class EvaluationRule : PackNode
{
    public string Cycle { get; set; } = "";
    public string? Who { get; set; }
    public string? Subjects { get; set; }
    public string? What { get; set; }

    /// <summary>The indicator system (policies/schemes/{id}.yaml) of an annual evaluation; platform-default when not given.</summary>
    public string? Scheme { get; set; }
    public List<Consequence> Consequences { get; set; } = [];
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class Consequence : PackNode
{
    public string Kind { get; set; } = "";
    public string? Trigger { get; set; }

    /// <summary>
    /// Whom the text sends it to, where it names one: county-government (阳泉 "专业镇所在县政府", 朔州 "所在县（市、区）") or
    /// township (永济 "所在镇（街道）", 新绛 "镇和单位"). Left out, a town's notice goes to its township, as before.
    /// </summary>
    public string? Addressee { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class RevenueTier : PackNode
{
    public decimal ValueYi { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class OtherMechanism : PackNode
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class SupportPolicy : PackNode
{
    public string? Number { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public List<string> LeadUnits { get; set; } = [];
    public List<string> CooperatingUnits { get; set; } = [];
    public List<Provision> Provisions { get; set; } = [];
    public string? Source { get; set; }

    /// <summary>
    /// The platform's registers (资金奖补, 展会活动, 上市后备 — <see cref="SpecializedTowns.Core.Recognition.PackVocabulary.SupportRegisters"/>) this clause is the
    /// basis of, each with the words of the text that say so, quoted in the register's header for people of the pack's area.
    /// Not part of the policy export: it is how the platform reads the clause, not the clause.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<string, string> Registers { get; set; } = [];

    /// <summary>
    /// Whose money the clause is about, when it says (<see cref="SpecializedTowns.Core.Recognition.PackVocabulary.FundLevels"/>):
    /// 朔政办发〔2023〕19号 四（一） "鼓励各县（市、区）设立专业镇发展专项资金" speaks of county funds, and a 省级 grant booked
    /// against it would claim a basis the clause does not give. Empty when the clause names no level: any grant may cite it.
    /// Not part of the policy export: it is how the platform reads the clause, not the clause.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<string> FundLevels { get; set; } = [];
}

public sealed class Provision : PackNode
{
    public string Kind { get; set; } = "";
    public string? Trigger { get; set; }

    /// <summary>What the platform measures to detect the trigger (PackVocabulary.ProvisionMeasures); null for provisions it does not detect.</summary>
    public string? Measure { get; set; }
    public decimal? Value { get; set; }
    public string? Unit { get; set; }
    public string? Quota { get; set; }
    public string? Text { get; set; }
    public string? Source { get; set; }
}

public sealed class Note : PackNode
{
    public string Title { get; set; } = "";
    public string? Text { get; set; }
    public string? Source { get; set; }
}
