using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Core.Tasks;

namespace SpecializedTowns.Core.Units;

/// <summary>
/// The records that refer to a unit, counted as people count them (a task once, whatever part the unit has in it): what a
/// merge moves, and why a unit cannot simply be deleted.
/// </summary>
public sealed record UnitUses(int Tasks, int Problems, int TaskForces, int Projects, int Leads, int Guarantees, int Notices, int Accounts)
{
    public static readonly UnitUses None = new(0, 0, 0, 0, 0, 0, 0, 0);

    public int Total => Tasks + Problems + TaskForces + Projects + Leads + Guarantees + Notices + Accounts;

    /// <summary>Each kind that refers to the unit with its count (任务 3 项, 问题 2 条 …); empty when nothing does.</summary>
    public IReadOnlyList<string> Parts() => new (int Count, string Text)[]
    {
        (Tasks, $"任务 {Tasks} 项"), (Problems, $"问题 {Problems} 条"), (TaskForces, $"专班 {TaskForces} 个"),
        (Projects, $"重点项目 {Projects} 个"), (Leads, $"招商引资项目 {Leads} 个"), (Guarantees, $"要素保障 {Guarantees} 项"),
        (Notices, $"督办通知书 {Notices} 份"), (Accounts, $"账号 {Accounts} 个"),
    }.Where(p => p.Count > 0).Select(p => p.Text).ToList();

    public string Describe() => string.Join("、", Parts());
}

/// <summary>
/// What merging a unit into another moves (<see cref="Moved"/>), and of it the records both units were in (the task, problem or
/// task force then keeps one of them). The evaluation results of the merged unit are not moved: a ranking is a record of the
/// year, printed under the name the unit had.
/// </summary>
public sealed record UnitMergeCounts(UnitUses Moved, int SharedTasks, int SharedProblems, int SharedTaskForces, int FormerNames, int EvaluationResults);

/// <summary>
/// The rules of merging a duplicate unit (县工业科技局, registered beside 县工科局) into the one that stays.
/// </summary>
public static class UnitMerging
{
    /// <summary>
    /// A unit goes into one of its own place or of a place above it (a county's stray 市农业农村局 into the city's): everything
    /// that named it may name that one too. Never sideways or down, where the records of the place would point outside it.
    /// </summary>
    public static bool MayMergeInto(string fromPath, string intoPath) => Jurisdiction.IsWithin(fromPath, intoPath);

    /// <summary>Where both units had a part in one task, the one left keeps the larger: 牵头 over 配合.</summary>
    public static UnitRole Kept(UnitRole a, UnitRole b) => a == UnitRole.Lead || b == UnitRole.Lead ? UnitRole.Lead : UnitRole.Cooperating;

    /// <summary>Where both units were in one task force, the one left keeps the larger part: 牵头 over 配合.</summary>
    public static TaskForceRole Kept(TaskForceRole a, TaskForceRole b) => a == TaskForceRole.Lead || b == TaskForceRole.Lead ? TaskForceRole.Lead : TaskForceRole.Supporting;

    /// <summary>
    /// The merge in one sentence, as the audit trail keeps it: 合并单位：县工业科技局 → 县工科局，转移任务 3 项（其中 1 项两者均在列，合为一条）、
    /// 问题 2 条. The places are named when they differ.
    /// </summary>
    public static string Summary(string from, string fromPlace, string into, string intoPlace, UnitMergeCounts counts)
    {
        var head = fromPlace == intoPlace ? $"合并单位：{from} → {into}" : $"合并单位：{from}（{fromPlace}）→ {into}（{intoPlace}）";
        var m = counts.Moved;
        var parts = new (int Count, string Text)[]
        {
            (m.Tasks, $"任务 {m.Tasks} 项{Shared(counts.SharedTasks, "项")}"), (m.Problems, $"问题 {m.Problems} 条{Shared(counts.SharedProblems, "条")}"),
            (m.TaskForces, $"专班 {m.TaskForces} 个{Shared(counts.SharedTaskForces, "个")}"), (m.Projects, $"重点项目 {m.Projects} 个"),
            (m.Leads, $"招商引资项目 {m.Leads} 个"), (m.Guarantees, $"要素保障 {m.Guarantees} 项"), (m.Notices, $"督办通知书 {m.Notices} 份"),
            (m.Accounts, $"账号 {m.Accounts} 个"),
        }.Where(p => p.Count > 0).Select(p => p.Text).ToList();
        var text = parts.Count == 0 ? $"{head}，没有需要转移的记录" : $"{head}，转移{string.Join("、", parts)}";
        if (counts.FormerNames > 0) text += $"；{from}的曾用名 {counts.FormerNames} 个一并转入";
        if (counts.EvaluationResults > 0) text += $"；年度评估结果 {counts.EvaluationResults} 条保留原名称";
        return text;
    }

    private static string Shared(int count, string measure) => count > 0 ? $"（其中 {count} {measure}两者均在列，合为一条）" : "";
}
