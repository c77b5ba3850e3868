using System.Globalization;
using System.Text.RegularExpressions;
using SpecializedTowns.Core.Recognition;

namespace SpecializedTowns.Core.Policies;

/// <summary>
/// Checks what YAML cannot: required fields, enumerations, citations, references between packs.
/// Every problem names the file and line so an office worker can mend their own pack.
/// </summary>
public static partial class PolicyPackValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    public static IReadOnlyList<PackProblem> Validate(IReadOnlyList<PolicyPack> packs, bool someFileUnreadable = false)
    {
        var problems = new List<PackProblem>();
        foreach (var duplicate in packs.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            foreach (var pack in duplicate.Skip(1))
                problems.Add(new PackProblem(pack.FileName, pack.Line, $"政策包编号“{pack.Id}”与 {duplicate.First().FileName} 重复"));

        var standards = packs.SelectMany(p => p.Standards.Select(s => (Pack: p, Standard: s))).ToList();
        foreach (var duplicate in standards.GroupBy(s => s.Standard.Id).Where(g => g.Count() > 1))
            foreach (var (pack, standard) in duplicate.Skip(1))
                problems.Add(new PackProblem(pack.FileName, standard.Line, $"认定标准编号“{standard.Id}”已在 {duplicate.First().Pack.FileName} 中定义"));

        var standardIds = standards.Select(s => s.Standard.Id).ToHashSet();
        foreach (var pack in packs)
        {
            var v = new Checker(pack, problems, checkReferences: !someFileUnreadable);
            CheckPack(v, pack, standardIds);
        }
        return problems;
    }

    [GeneratedRegex(@"（([A-Za-z]+(?:\.[A-Za-z]+)*)）")]
    private static partial Regex FieldInMessage();

    private sealed class Checker(PolicyPack pack, List<PackProblem> problems, bool checkReferences)
    {
        // A pack another file would define may be the one that failed to parse: then say nothing of references.
        public bool CheckReferences { get; } = checkReferences;

        /// <summary>At the line of the field the message names, when the node has that field; else at the node.</summary>
        public void Problem(PackNode node, string message, string? field = null)
        {
            field ??= FieldInMessage().Match(message) is { Success: true } m ? m.Groups[1].Value.Split('.')[^1] : null;
            problems.Add(new PackProblem(pack.FileName, field is null ? node.Line : FieldLine(node.Line, field), message));
        }

        private int FieldLine(int nodeLine, string field)
        {
            var lines = pack.SourceLines;
            if (nodeLine < 1 || nodeLine > lines.Length) return nodeLine;
            var first = lines[nodeLine - 1];
            var indent = first.Length - first.TrimStart(' ', '-').Length;
            for (var i = nodeLine - 1; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
                var own = line.Length - line.TrimStart(' ').Length;
                var keyIndent = line.Length - line.TrimStart(' ', '-').Length;
                if (i > nodeLine - 1 && (own < indent && keyIndent <= indent)) break;
                if (keyIndent == indent && Regex.IsMatch(line.TrimStart(' ', '-'), $"^{Regex.Escape(field)}\\s*:")) return i + 1;
            }
            return nodeLine;
        }

        public void Required(PackNode node, string? value, string what)
        {
            if (string.IsNullOrWhiteSpace(value)) Problem(node, $"缺少{what}");
        }

        public void Source(PackNode node, string? source, string what)
        {
            if (string.IsNullOrWhiteSpace(source)) Problem(node, $"{what}缺少出处（source），请写明文号和条款");
        }

        public void OneOf(PackNode node, string? value, IEnumerable<string> allowed, string what, bool optional = false)
        {
            if (optional && value is null) return;
            if (value is null || !allowed.Contains(value))
                Problem(node, $"{what}“{value}”不是可用的取值，可用：{string.Join("、", allowed)}");
        }

        public void Date(PackNode node, string? value, string what)
        {
            if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                Problem(node, $"{what}“{value}”不是有效日期，应写成 2025-12-31 的形式");
        }

        public void Registers(PackNode node, Dictionary<string, string> registers, string what)
        {
            foreach (var (key, text) in registers)
            {
                OneOf(node, key, PackVocabulary.SupportRegisters.Keys, $"{what}的支持台账（registers）");
                Required(node, text, $"{what}在支持台账“{key}”下引用的原文（registers.{key}）");
            }
        }

        public void FundLevels(PackNode node, List<string> levels, string what)
        {
            foreach (var level in levels) OneOf(node, level, PackVocabulary.FundLevels.Keys, $"{what}的资金级次（fundLevels）");
        }

        public void Units(PackNode node, IEnumerable<string> units, string what)
        {
            foreach (var unit in units)
                if (string.IsNullOrWhiteSpace(unit) || unit != unit.Trim())
                    Problem(node, $"{what}中有空白或首尾带空格的单位名称“{unit}”");
        }
    }

    private static void CheckPack(Checker v, PolicyPack pack, HashSet<string> standardIds)
    {
        if (string.IsNullOrWhiteSpace(pack.Id) || !KebabCase().IsMatch(pack.Id))
            v.Problem(pack, $"政策包编号（id）“{pack.Id}”应由小写字母、数字和连字符组成，如 yuanqu-2023-19");

        var d = pack.Document;
        v.Required(d, d.Title, "文件标题（document.title）");
        v.Required(d, d.Jurisdiction, "适用行政区划（document.jurisdiction）");
        v.OneOf(d, d.Level, PackVocabulary.Levels.Keys, "层级（document.level）");
        v.OneOf(d, d.Status, PackVocabulary.Statuses.Keys, "状态（document.status）");
        v.Date(d, d.IssuedOn, "印发日期（document.issuedOn）");
        if (d.Number is null && d.Status == "issued")
            v.Problem(d, "已印发的文件应填写文号（document.number）；征求意见稿请把 status 写为 draft");
        if (d.JurisdictionPath.Count > 0 && d.JurisdictionPath[^1] != d.Jurisdiction)
            v.Problem(d, $"行政区划路径（jurisdictionPath）应以“{d.Jurisdiction}”结尾");
        if (d.PeriodFrom is int from && d.PeriodTo is int to && from > to)
            v.Problem(d, $"实施期起始年 {from} 晚于结束年 {to}");

        foreach (var id in pack.AdoptedStandards.Where(id => v.CheckReferences && !standardIds.Contains(id)))
            v.Problem(pack, $"引用的认定标准“{id}”在任何政策包中都没有定义", "adoptedStandards");

        foreach (var standard in pack.Standards) CheckStandard(v, standard);

        // An alias joins two spellings the text really uses; one that names no unit of the text would silently join nothing.
        var written = Units.UnitNames.AsWritten(pack).ToHashSet();
        foreach (var (alias, full) in pack.UnitAliases)
        {
            if (!written.Contains(alias.Trim()))
                v.Problem(pack, $"单位别名（unitAliases）“{alias}”不是本文件中出现的单位名称", "unitAliases");
            else if (!written.Contains(full.Trim()))
                v.Problem(pack, $"单位别名（unitAliases）“{alias}”对应的“{full}”不是本文件中出现的单位名称", "unitAliases");
            else if (alias.Trim() == full.Trim() || pack.UnitAliases.ContainsKey(full.Trim()))
                v.Problem(pack, $"单位别名（unitAliases）“{alias}”应对应登记用的全称，不能对应自身或另一个别名", "unitAliases");
        }

        foreach (var town in pack.Towns)
        {
            v.Required(town, town.Name, "专业镇名称（name）");
            v.Source(town, town.Source, $"专业镇“{town.Name}”");
            if (town.Category is not null && !IndustryCategories.IsKnown(town.Category))
                v.Problem(town, $"专业镇“{town.Name}”的领域“{town.Category}”不是可用的取值，可用：{string.Join("、", IndustryCategories.Names.Keys)}");
            v.OneOf(town, town.TierGoal, PackVocabulary.Tiers.Keys, "目标梯次（tierGoal）", optional: true);
        }

        foreach (var task in pack.KeyTasks)
        {
            v.Required(task, task.Title, "重点任务标题（title）");
            v.Source(task, task.Source, $"重点任务“{task.Title}”");
            v.Units(task, task.LeadUnits.Concat(task.CooperatingUnits), $"重点任务“{task.Title}”的单位");
            foreach (var unit in task.LeadUnits.Intersect(task.CooperatingUnits))
                v.Problem(task, $"重点任务“{task.Title}”中“{unit}”同时列为牵头单位和配合单位");
            v.Registers(task, task.Registers, $"重点任务“{task.Title}”");
            v.FundLevels(task, task.FundLevels, $"重点任务“{task.Title}”");
        }

        foreach (var target in pack.Targets)
        {
            v.Required(target, target.Metric, "目标指标（metric）");
            v.Source(target, target.Source, $"目标“{target.Metric}”");
            v.OneOf(target, target.Comparison, PackVocabulary.Comparisons, $"目标“{target.Metric}”的比较方式（comparison）");
            if (target.Value is null) v.Problem(target, $"目标“{target.Metric}”缺少数值（value）");
            if (target.Comparison == "between" && (target.MaxValue is null || target.MaxValue < target.Value))
                v.Problem(target, $"目标“{target.Metric}”为区间（between），应写明不小于 value 的 maxValue");
            if (target.Comparison != "between" && target.MaxValue is not null)
                v.Problem(target, $"目标“{target.Metric}”只有区间（between）才写 maxValue");
            v.Required(target, target.Unit, $"目标“{target.Metric}”的单位（unit）");
            v.Date(target, target.Deadline, $"目标“{target.Metric}”的期限（deadline）");
        }

        CheckMechanisms(v, pack.Mechanisms);

        foreach (var policy in pack.SupportPolicies)
        {
            v.Required(policy, policy.Title, "支持政策标题（title）");
            v.Source(policy, policy.Source, $"支持政策“{policy.Title}”");
            v.Registers(policy, policy.Registers, $"支持政策“{policy.Title}”");
            v.FundLevels(policy, policy.FundLevels, $"支持政策“{policy.Title}”");
            foreach (var provision in policy.Provisions)
            {
                v.OneOf(provision, provision.Kind, PackVocabulary.ProvisionKinds.Keys, "政策条款类型（kind）");
                v.Source(provision, provision.Source, $"支持政策“{policy.Title}”的条款");
                CheckMeasure(v, policy, provision);
            }
        }

        foreach (var note in pack.Notes)
            v.Source(note, note.Source, $"说明“{note.Title}”");
    }

    private static void CheckMeasure(Checker v, SupportPolicy policy, Provision p)
    {
        if (p.Measure is null) return;
        var name = $"支持政策“{policy.Title}”的条款";
        if (!PackVocabulary.ProvisionMeasures.TryGetValue(p.Measure, out var measure))
        {
            v.Problem(p, $"{name}的检测指标（measure）“{p.Measure}”不是可用的取值，可用：{string.Join("、", PackVocabulary.ProvisionMeasures.Keys)}");
            return;
        }
        if (p.Kind is not ("commendation" or "reward"))
            v.Problem(p, $"{name}写了检测指标（measure），类型（kind）应为 commendation 或 reward");
        if (p.Value is not > 0)
            v.Problem(p, $"{name}的检测指标“{measure.Name}”需要正数的门槛值（value）");
        else if (p.Measure == PackVocabulary.NationalRankFirst && p.Value != decimal.Truncate(p.Value.Value))
            v.Problem(p, $"{name}的名次门槛（value）应为整数");
        if (p.Unit != measure.Unit)
            v.Problem(p, $"{name}的检测指标“{measure.Name}”的单位（unit）应为“{measure.Unit}”");
    }

    private static void CheckStandard(Checker v, RecognitionStandard s)
    {
        if (string.IsNullOrWhiteSpace(s.Id) || !KebabCase().IsMatch(s.Id))
            v.Problem(s, $"认定标准编号“{s.Id}”应由小写字母、数字和连字符组成");
        v.Required(s, s.Name, "认定标准名称（name）");
        v.OneOf(s, s.Tier, PackVocabulary.Tiers.Keys, $"认定标准“{s.Id}”的梯次（tier）");
        v.OneOf(s, s.Applicant, PackVocabulary.Applicants.Keys, $"认定标准“{s.Id}”的申报主体（applicant）");
        v.Source(s, s.Source, $"认定标准“{s.Id}”");
        if (s.Criteria.Count == 0) v.Problem(s, $"认定标准“{s.Id}”没有任何条件（criteria）");
        foreach (var dup in s.Criteria.GroupBy(c => c.Key).Where(g => g.Count() > 1))
            v.Problem(dup.Skip(1).First(), $"条件“{dup.Key}”在认定标准“{s.Id}”中重复");
        foreach (var c in s.Criteria) CheckCriterion(v, s, c);
        foreach (var f in s.PriorityFactors)
        {
            v.OneOf(f, f.Key, PackVocabulary.PriorityFactors.Keys, "优先评定因素（priorityFactors.key）");
            v.Source(f, f.Source, $"优先评定因素“{f.Title}”");
        }
    }

    private static void CheckCriterion(Checker v, RecognitionStandard s, Criterion c)
    {
        var name = $"条件“{c.Key}”";
        if (string.IsNullOrWhiteSpace(c.Key) || !KebabCase().IsMatch(c.Key))
            v.Problem(c, $"条件编号“{c.Key}”应由小写字母、数字和连字符组成");
        v.Required(c, c.Title, $"{name}的标题（title）");
        v.Source(c, c.Source, name);
        v.OneOf(c, c.Kind, PackVocabulary.CriterionKinds.Keys, $"{name}的类型（kind）");
        switch (c.Kind)
        {
            case "category":
                if (c.Categories.Count == 0) v.Problem(c, $"{name}应列出认定领域（categories）");
                foreach (var cat in c.Categories.Where(x => !IndustryCategories.IsKnown(x)))
                    v.Problem(c, $"{name}中的领域“{cat}”不是可用的取值，可用：{string.Join("、", IndustryCategories.Names.Keys)}");
                break;
            case "threshold":
                if (c.Fact is null || !FactNames.Numeric.ContainsKey(c.Fact))
                    v.Problem(c, $"{name}的指标（fact）“{c.Fact}”不是可用的数值指标，可用：{string.Join("、", FactNames.Numeric.Keys)}");
                v.OneOf(c, c.Reading, PackVocabulary.Readings.Keys, $"{name}的读法（reading）");
                if (c.ByCategory is not null && c.Value is not null)
                    v.Problem(c, $"{name}只能写 value 或 byCategory 之一");
                if (c.ByCategory is null && c.Value is null && string.IsNullOrWhiteSpace(c.Text))
                    v.Problem(c, $"{name}没有数值（value 或 byCategory）；文本未给出数值时请在 text 中说明，认定时按“需评审”处理");
                foreach (var cat in (c.ByCategory?.Keys ?? Enumerable.Empty<string>()).Where(x => !IndustryCategories.IsKnown(x)))
                    v.Problem(c, $"{name}的 byCategory 中领域“{cat}”不是可用的取值");
                foreach (var (cat, value) in c.ByCategory ?? new Dictionary<string, decimal?>())
                    if (value < 0) v.Problem(c, $"{name}中{IndustryCategories.NameOf(cat)}的数值不能为负数");
                if (c.Value < 0) v.Problem(c, $"{name}的数值不能为负数");
                if (c.Relaxation is { } r)
                {
                    if (!FactNames.Boolean.ContainsKey(r.Requires))
                        v.Problem(r, $"{name}的放宽条件（relaxation.requires）“{r.Requires}”不是可用的是非指标，可用：{string.Join("、", FactNames.Boolean.Keys)}");
                    v.Source(r, r.Source, $"{name}的放宽条款");
                    var lowest = c.ByCategory?.Values.Where(x => x is not null).DefaultIfEmpty(c.Value).Min() ?? c.Value;
                    if (lowest is not null && r.Floor > lowest)
                        v.Problem(r, $"{name}的放宽下限 {r.Floor} 高于正常标准 {lowest}");
                }
                if (c.OrClaim is { } claim && !FactNames.Boolean.ContainsKey(claim.Fact))
                    v.Problem(claim, $"{name}的替代条件（orClaim.fact）“{claim.Fact}”不是可用的是非指标，可用：{string.Join("、", FactNames.Boolean.Keys)}");
                break;
            case "principle":
                if (c.Fact is null || !FactNames.Boolean.ContainsKey(c.Fact))
                    v.Problem(c, $"{name}的指标（fact）“{c.Fact}”不是可用的是非指标，可用：{string.Join("、", FactNames.Boolean.Keys)}");
                break;
        }
    }

    private static void CheckMechanisms(Checker v, Mechanisms m)
    {
        if (m.LeadingGroup is { } g)
        {
            v.Required(g, g.Name, "领导小组名称（leadingGroup.name）");
            v.Source(g, g.Source, "领导小组");
            foreach (var r in g.Roster)
            {
                v.Required(r, r.Role, "名单中的职务（role）");
                v.Required(r, r.Position, "名单中的现任职务（position）");
                if (r.Name is not null && r.Name.Any(char.IsWhiteSpace))
                    v.Problem(r, $"姓名“{r.Name}”中有空格，请去掉");
            }
        }
        foreach (var t in m.TaskForces)
        {
            v.Required(t, t.Town, "专班对应的专业镇（town）");
            v.Source(t, t.Source, $"专班“{t.Town}”");
            v.OneOf(t, t.Reporting, PackVocabulary.Frequencies.Keys, "专班报送频次（reporting）", optional: true);
        }
        foreach (var r in m.Reporting)
        {
            v.OneOf(r, r.Frequency, PackVocabulary.Frequencies.Keys, "报送频次（frequency）");
            v.Source(r, r.Source, "报送机制");
            if (r.DueDay is < 1 or > 31) v.Problem(r, $"报送日 {r.DueDay} 应在 1 到 31 之间");
        }
        foreach (var e in m.Evaluation)
        {
            v.OneOf(e, e.Cycle, PackVocabulary.Frequencies.Keys, "考核周期（cycle）");
            v.Source(e, e.Source, "考核机制");
            foreach (var c in e.Consequences)
            {
                v.OneOf(c, c.Kind, PackVocabulary.ConsequenceKinds.Keys, "考核结果运用（consequences.kind）");
                v.OneOf(c, c.Addressee, PackVocabulary.Addressees.Keys, "考核结果运用的对象（consequences.addressee）", optional: true);
                v.Source(c, c.Source, "考核结果运用");
            }
        }
        foreach (var t in m.RevenueTiers)
        {
            if (t.ValueYi <= 0) v.Problem(t, "营收规模档次（valueYi）应为正数，单位亿元");
            v.Source(t, t.Source, "营收规模档次");
        }
        if (m.DynamicAdjustment is { } d)
        {
            if (d.ExitAfterYears is not (>= 1 and <= Towns.ExitRule.MaxYears))
                v.Problem(d, $"动态调整的退出年限（exitAfterYears）应为 1 到 {Towns.ExitRule.MaxYears} 之间的整数（连续几年不达标建议退出）");
            v.Source(d, d.Source, "动态调整机制");
        }
        foreach (var o in m.Others)
        {
            v.Required(o, o.Title, "机制标题（title）");
            v.Source(o, o.Source, $"机制“{o.Title}”");
        }
    }
}
