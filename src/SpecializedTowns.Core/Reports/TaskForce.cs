using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Core.Reports;

/// <summary>牵头单位 or 配合（助推）单位 of a task force.</summary>
public enum TaskForceRole { Lead = 1, Supporting = 2 }

/// <summary>
/// 专班: the team that pushes one specialized town forward and reports on it every month
/// ("各专班……每月向专业镇领导小组办公室汇报进展情况", 新政办发〔2023〕33号 四（二）, 附件1).
/// One per town; its lead units and the town's own staff write the monthly reports.
/// </summary>
public sealed class TaskForce
{
    public int Id { get; set; }
    public int SpecializedTownId { get; set; }
    public SpecializedTown? Town { get; set; }

    /// <summary>The county of the town: decides which office the reports go to and who sees them.</summary>
    public int CountyId { get; set; }
    public Jurisdiction? County { get; set; }

    /// <summary>分管县（市、区）领导 as the document names them (a name or a position).</summary>
    public string? ResponsibleLeader { get; set; }

    /// <summary>Where the task force is set up, e.g. 新政办发〔2023〕33号 附件1.</summary>
    public string? Source { get; set; }

    /// <summary>The first month reports are owed for; months before it are never missing.</summary>
    public DateOnly ReportsFrom { get; set; }

    public bool IsDemo { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public List<TaskForceUnit> Units { get; set; } = [];
    public List<TaskForceTownship> Townships { get; set; } = [];

    public IEnumerable<int> UnitIds(TaskForceRole role) => Units.Where(u => u.Role == role).Select(u => u.UnitId);
}

public sealed class TaskForceUnit
{
    public int TaskForceId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public TaskForceRole Role { get; set; }

    public static string Chinese(TaskForceRole role) => role == TaskForceRole.Lead ? "牵头单位" : "配合单位";
}

/// <summary>助推乡镇: a township that supports the task force (附件1 lists townships only in that column).</summary>
public sealed class TaskForceTownship
{
    public int TaskForceId { get; set; }
    public int TownshipId { get; set; }
    public Jurisdiction? Township { get; set; }
}
