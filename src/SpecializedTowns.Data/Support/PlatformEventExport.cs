using SpecializedTowns.Core.Support;
using SpecializedTowns.Data.Exports;

namespace SpecializedTowns.Data.Support;

/// <summary>公共服务平台 and 展会活动 as a clerk downloads them; money stays a number in 万元 so it can be added up.</summary>
public static class PlatformEventExport
{
    public static readonly ExportTable<PlatformItem> Platforms = new("公共服务平台", [
        new("平台名称", p => p.Name, 30),
        new("所在县（市、区）", p => p.County, 14),
        new("服务专业镇", p => p.Town, 22),
        new("运营主体", p => p.Operator, 26),
        new("运营主体类型", p => PlatformFunctions.Chinese(p.OperatorKind), 12),
        new("级别", p => PlatformFunctions.Chinese(p.Level), 8),
        new("建成年份", p => p.EstablishedYear, 10),
        new("服务方式", p => PlatformFunctions.Chinese(p.Mode), 12),
        new("平台功能", p => string.Join("、", p.Functions.Select(PlatformFunctions.Chinese)), 40),
        new("具备认定条件功能数（共8项）", p => p.Functions.Count(f => PlatformFunctions.Criterion.Contains(f)), 16),
        new("服务统计年度", p => p.ServedYear, 12),
        new("服务企业（家次）", p => p.EnterprisesServed, 14),
        new("备注", p => p.Note, 24),
        new("演示数据", p => p.IsDemo ? "是" : null, 10),
    ]);

    public static readonly ExportTable<EventItem> Events = new("展会活动", [
        new("开始日期", e => e.StartOn, 12),
        new("结束日期", e => e.EndOn, 12),
        new("活动名称", e => e.Name, 32),
        new("活动类型", e => EventNames.Chinese(e.Kind), 12),
        new("举办/参加", e => EventNames.Chinese(e.Role), 10),
        new("级别", e => EventNames.Chinese(e.Level), 8),
        new("举办地", e => e.Place, 14),
        new("主办单位", e => e.Organiser, 24),
        new("相关专业镇", e => string.Join("、", e.Towns.Select(t => t.Name)), 30),
        new("政策依据", e => e.ClauseSource, 30),
        new("参展企业（家）", e => e.ParticipantCount, 12),
        new("意向签约额（万元）", e => e.IntendedWanYuan, 16),
        new("成交额（万元）", e => e.DealWanYuan, 14),
        new("参展企业", e => string.Join("、", e.Participants.Select(p => p.Enterprise)), 50),
        new("备注", e => e.Note, 24),
        new("演示数据", e => e.IsDemo ? "是" : null, 10),
    ]);

    /// <summary>The enterprises of one event, under the event's name.</summary>
    public static ExportTable<EventParticipantItem> Participants(string eventName) => new($"{SafeName(eventName)}_参展企业", [
        new("企业名称", p => p.Enterprise, 32),
        new("统一社会信用代码", p => p.Uscc, 22),
        new("所在县（市、区）", p => p.County, 14),
        new("专业镇", p => p.Town, 22),
        new("意向签约额（万元）", p => p.IntendedWanYuan, 16),
        new("成交额（万元）", p => p.DealWanYuan, 14),
    ]);

    // An event name may hold characters a file name cannot (“/” in “2024/2025”); the download keeps the rest.
    private static string SafeName(string name) =>
        new(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c).ToArray());
}
