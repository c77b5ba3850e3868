using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Support;

/// <summary>人才培训 (the programmes and the 培训后就业率 roll-up) and 人才 as a clerk downloads them; figures stay numbers.</summary>
public static class TalentExport
{
    public static readonly ExportTable<TrainingItem> Programmes = new("人才培训", [
        new("培训班（项目）名称", p => p.Title, 32),
        new("所在县（市、区）", p => p.County, 14),
        new("专业镇", p => p.Town, 22),
        new("培训方式", p => TrainingNames.Chinese(p.Mode), 14),
        new("承办单位/合作院校", p => p.Organiser, 26),
        new("承办单位类型", p => TrainingNames.Chinese(p.OrganiserKind), 14),
        new("开班日期", p => p.StartOn, 12),
        new("结业日期", p => p.EndOn, 12),
        new("培训人数（人）", p => p.Trainees, 12),
        new("培训后就业人数（人）", p => p.Employed, 14),
        new("培训后就业率（%）", p => p.RatePercent, 14),
        new("状态", p => TrainingNames.Chinese(p.Status), 10),
        new("补贴金额（万元）", p => p.SubsidyWanYuan, 14),
        new("政策依据", p => p.ClauseSource, 32),
        new("备注", p => p.Note, 24),
        new("演示数据", p => p.IsDemo ? "是" : null, 10),
    ]);

    public static readonly ExportTable<TrainingLine> Rollup = new("培训后就业率汇总", [
        new("层级", l => l.Level switch { PerformanceLevel.Province => "省", PerformanceLevel.City => "市", PerformanceLevel.County => "县", _ => "专业镇" }, 8),
        new("名称", l => l.Name, 26),
        new("培训项目（个）", l => l.Programmes, 12),
        new("培训人数（人）", l => l.Trainees, 12),
        new("计入就业率的项目（个）", l => l.CountedProgrammes, 16),
        new("计入就业率的培训人数（人）", l => l.CountedTrainees, 18),
        new("培训后就业人数（人）", l => l.Employed, 16),
        new("培训后就业率（%）", l => l.RatePercent, 14),
        new("目标（%）", l => l.HasTarget ? TrainingRules.TargetPercent : null, 10),
        new("是否达标", l => l.Met switch { true => "达标", false => "未达标", null => l.HasTarget ? "暂无可计数据" : "未设目标" }, 12),
        new("进行中项目（个）", l => l.InProgress, 14),
        new("待填就业的项目（个）", l => l.AwaitingOutcome, 16),
        new("在岗职工技能提升培训人数（人）", l => l.OnTheJobTrainees, 20),
    ]);

    public static readonly ExportTable<TalentItem> Talents = new("人才", [
        new("姓名", t => t.Name, 12),
        new("人才类别", t => TalentNames.Chinese(t.Category), 16),
        new("所在县（市、区）", t => t.County, 14),
        new("专业镇（专家为帮扶专业镇）", t => t.Town, 24),
        new("企业", t => t.Enterprise, 28),
        new("工作单位", t => t.Employer, 24),
        new("职务/职称", t => t.JobTitle, 18),
        new("荣誉与表彰", t => t.Honours, 36),
        new("年度", t => t.Year, 8),
        new("备注", t => t.Note, 24),
        new("演示数据", t => t.IsDemo ? "是" : null, 10),
    ]);
}
