using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;

namespace SpecializedTowns.Data.Projects;

/// <summary>
/// Demo key projects, a "三个一批" batch and investment leads. Dates are set relative to the day the demo is loaded,
/// so that a fresh demo shows a stage due soon, one past due, investment behind plan and projects on track.
/// </summary>
internal static class ProjectDemo
{
    private sealed record P(string Town, string Name, string Owner, ProjectKind Kind, ProjectRole Role, decimal Total, decimal Annual, string? Unit,
        ProjectStage Stage, int? Signed, int? Started, int? Production, int? Target, decimal[] Monthly, string Works, string? Difficulty = null);

    public static async Task LoadAsync(TownsDbContext db, DateOnly today, CancellationToken ct)
    {
        var towns = await db.Towns.Include(t => t.County).ToDictionaryAsync(t => t.Name, ct);
        var units = await db.Units.Include(u => u.Jurisdiction).ToListAsync(ct);
        var enterprises = await db.Enterprises.ToDictionaryAsync(e => e.Name, e => e.Id, ct);
        int? Unit(string town, string? name) => name is null ? null
            : units.Where(u => u.Name == name && towns[town].County!.Path.StartsWith(u.Jurisdiction!.Path, StringComparison.Ordinal))
                .OrderByDescending(u => u.Jurisdiction!.Path.Length).Select(u => (int?)u.Id).FirstOrDefault();

        // Offsets in days from today: negative = already past. A stage is reached when the project's stage is at or beyond it.
        P[] seeds =
        [
            new("历山镇蜂蜜专业镇", "历山蜂产品精深加工扩建项目", "垣曲县历山蜂业有限公司", ProjectKind.Expansion, ProjectRole.ShortBoard, 12000, 4800, "县工科局",
                ProjectStage.Started, -260, -150, 20, 380, [300, 260, 420, 180, 150, 120], "主体厂房封顶，灌装线设备已订货", "设备进口报关周期长，投产时间可能推迟"),
            new("历山镇蜂蜜专业镇", "历山镇蜂蜜冷链仓储项目", "垣曲县历山镇百花蜂产品专业合作社", ProjectKind.New, ProjectRole.ShortBoard, 3000, 1200, "县农业农村局",
                ProjectStage.Planning, -12, 75, 260, 500, [], "完成可研编制，选址待定", "冷库建设用地指标未落实"),
            new("古城镇渔业专业镇", "黄河鱼苗繁育基地技改项目", "垣曲县古城镇鑫源鱼苗繁育有限公司", ProjectKind.TechUpgrade, ProjectRole.ShortBoard, 1800, 600, "县农业农村局",
                ProjectStage.InProduction, null, -330, -40, 200, [60, 55, 70, 50, 65, 60, 55, 60], "循环水养殖车间投产，试运行良好"),
            new("皋落乡食用菌专业镇", "皋落食用菌工厂化生产线项目", "山西垣菌生物科技有限公司", ProjectKind.New, ProjectRole.Flagship, 25000, 8000, "县工科局",
                ProjectStage.Signed, -95, -6, 420, 800, [200, 150], "签约完成，正在办理施工许可", "环评批复尚未取得"),
            new("万安钻石专业镇", "培育钻石产业园二期项目", "山西绛州晶钻科技有限公司", ProjectKind.New, ProjectRole.Flagship, 80000, 24000, "县工信科技局",
                ProjectStage.Started, -400, -220, 300, 700, [2100, 1900, 2300, 2000, 2200, 1800, 2100, 2050, 1950, 2000], "二期厂房主体完工，压机安装 60%"),
            new("怀仁陶瓷专业镇", "怀仁陶瓷智能化窑炉改造项目", "山西怀仁云中陶瓷集团有限公司", ProjectKind.TechUpgrade, ProjectRole.Flagship, 30000, 6000, "市工信局",
                ProjectStage.AtTarget, null, -700, -380, -30, [500, 500, 450, 520, 480, 500, 510, 490, 500, 505], "改造后单位能耗下降 18%，已达产达效"),
            new("郊区耐火材料专业镇", "高端耐火材料生产线项目", "阳泉市荫营耐火材料有限公司", ProjectKind.New, ProjectRole.Flagship, 15000, 5000, "市工信局",
                ProjectStage.Planning, 40, 120, 480, 900, [], "项目谋划中，与意向投资方洽谈"),
        ];

        var now = DateTime.UtcNow;
        var projects = new Dictionary<string, KeyProject>();
        foreach (var s in seeds)
        {
            if (!towns.TryGetValue(s.Town, out var town)) continue;
            DateOnly? At(int? days) => days is { } d ? today.AddDays(d) : null;
            var p = new KeyProject
            {
                Name = s.Name, SpecializedTownId = town.Id, CountyId = town.CountyId, OwnerName = s.Owner,
                OwnerEnterpriseId = enterprises.TryGetValue(s.Owner, out var e) ? e : null,
                Kind = s.Kind, Role = s.Role, TotalInvestmentWanYuan = s.Total, AnnualPlannedInvestmentWanYuan = s.Annual, PlanYear = today.Year,
                ResponsibleUnitId = Unit(s.Town, s.Unit), ResponsibleLeader = "分管副县长", Stage = s.Stage, IsDemo = true, CreatedAtUtc = now,
                PlannedSignedOn = At(s.Signed), PlannedStartOn = At(s.Started), PlannedProductionOn = At(s.Production), PlannedTargetOn = At(s.Target),
                Description = s.Works,
            };
            if (s.Stage >= ProjectStage.Signed && s.Signed is not null) p.SignedOn = p.PlannedSignedOn;
            if (s.Stage >= ProjectStage.Started) p.StartedOn = p.PlannedStartOn;
            if (s.Stage >= ProjectStage.InProduction) p.InProductionOn = p.PlannedProductionOn;
            if (s.Stage >= ProjectStage.AtTarget) p.AtTargetOn = p.PlannedTargetOn;
            foreach (var (stage, on) in ProjectTerms.Milestones.Select(m => (m, p.ReachedOn(m))).Where(x => x.Item2 is not null))
                p.StageChanges.Add(new ProjectStageChange { From = stage - 1, To = stage, On = on!.Value, UserName = "演示数据", Note = "演示数据", AtUtc = now });
            foreach (var k in GuaranteeTerms.Kinds)
                p.Guarantees.Add(new ElementGuarantee
                {
                    Kind = k, UnitId = p.ResponsibleUnitId, UpdatedAtUtc = now,
                    Status = s.Difficulty?.Contains(GuaranteeTerms.Chinese(k)) == true ? GuaranteeStatus.Blocked
                        : p.Stage >= ProjectStage.Started ? GuaranteeStatus.Secured : k == GuaranteeKind.Financing ? GuaranteeStatus.NotNeeded : GuaranteeStatus.InProgress,
                    Note = s.Difficulty?.Contains(GuaranteeTerms.Chinese(k)) == true ? s.Difficulty : null,
                });
            // Monthly figures end with last month; the oldest first.
            for (var i = 0; i < s.Monthly.Length; i++)
            {
                var month = new DateOnly(today.Year, today.Month, 1).AddMonths(i - s.Monthly.Length);
                if (month.Year != today.Year) continue;
                p.Progress.Add(new ProjectProgress
                {
                    Year = month.Year, Month = month.Month, InvestmentCompletedWanYuan = s.Monthly[i], PhysicalProgress = s.Works,
                    Difficulties = i == s.Monthly.Length - 1 ? s.Difficulty : null, ReportedBy = "演示数据", ReportedAtUtc = now,
                });
            }
            db.Projects.Add(p);
            projects[s.Name] = p;
        }
        await db.SaveChangesAsync(ct);

        if (projects.TryGetValue("历山蜂产品精深加工扩建项目", out var started) && towns.TryGetValue("历山镇蜂蜜专业镇", out var lishan))
            db.ProjectBatches.Add(new ProjectBatch
            {
                JurisdictionId = lishan.CountyId, Kind = ProjectStage.Started, HeldOn = started.StartedOn!.Value, Title = "垣曲县重点项目集中开工活动",
                Location = "历山镇", IsDemo = true, Items = [new ProjectBatchItem { ProjectId = started.Id }],
            });

        (string Town, string Name, string Target, ChainLink Link, string Position, LeadChannel Channel, decimal Amount, string? Unit, LeadStage Stage, int First, int? Signed, string? Drop)[] leads =
        [
            ("历山镇蜂蜜专业镇", "蜂王浆冻干粉生产项目", "浙江某蜂业集团", ChainLink.Extend, "蜂产品精深加工", LeadChannel.IndustryChain, 6000, "县工科局", LeadStage.Negotiating, -60, null, null),
            ("皋落乡食用菌专业镇", "香菇酱及休闲食品生产线", "福建某食品有限公司", ChainLink.Extend, "食用菌精深加工", LeadChannel.ByBusiness, 4500, "县工科局", LeadStage.Signed, -150, -20, null),
            ("万安钻石专业镇", "金刚石线锯项目", "河南某超硬材料公司", ChainLink.Fill, "金刚石工具", LeadChannel.Professional, 12000, "县工信科技局", LeadStage.Negotiating, -30, null, null),
            ("古城镇渔业专业镇", "水产品预制菜项目", "山东某水产公司", ChainLink.Extend, "水产品加工", LeadChannel.Fair, 3000, "县农业农村局", LeadStage.Dropped, -200, null, "投资方调整战略，暂缓在外地布局"),
        ];
        foreach (var l in leads)
        {
            if (!towns.TryGetValue(l.Town, out var town)) continue;
            db.InvestmentLeads.Add(new InvestmentLead
            {
                Name = l.Name, SpecializedTownId = town.Id, CountyId = town.CountyId, TargetEnterprise = l.Target, ChainLink = l.Link, ChainPosition = l.Position,
                Channel = l.Channel, IntendedInvestmentWanYuan = l.Amount, ResponsibleUnitId = Unit(l.Town, l.Unit), Stage = l.Stage,
                FirstContactOn = today.AddDays(l.First), SignedOn = l.Signed is { } d ? today.AddDays(d) : null, DropReason = l.Drop,
                IsDemo = true, CreatedAtUtc = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
