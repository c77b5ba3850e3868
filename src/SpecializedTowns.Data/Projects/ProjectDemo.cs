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

    /// <summary>
    /// A project of the library's earlier year (<see cref="PastYear"/>), with the dates it really reached its stages (a late
    /// start or commissioning is late) and the investment reported month by month that year, spread evenly from the month
    /// investment began to December.
    /// </summary>
    private sealed record Past(string Town, string Name, string Owner, ProjectKind Kind, ProjectRole Role, decimal Total, decimal Annual, string Unit,
        DateOnly? Signed, DateOnly PlannedStart, DateOnly Started, DateOnly PlannedProduction, DateOnly InProduction, decimal Invested, string Works);

    private const int PastYear = Evaluation.EvaluationDemo.Year;

    // 2024's key projects of 运城's towns, recognised and 储备 alike, as a county's library would still hold them: the annual
    // evaluation of 2024 scores 开工率, 投产率 and 年度投资完成率 on them (measured on the projects planned for that year), and
    // without them every town and township of the demo was ranked on output growth and a few counts alone. Not every project
    // kept to its plan: 北张 and 开张 started in 2025, 卿头 and 古城 went into production after their planned dates.
    private static readonly Past[] PastProjects =
    [
        new("万安钻石专业镇", "万安培育钻石毛坯扩能项目", "山西晋绛金刚石制品有限公司", ProjectKind.Expansion, ProjectRole.Flagship, 36000, 18000, "县工信科技局",
            null, new(2024, 3, 15), new(2024, 3, 20), new(2024, 11, 30), new(2024, 12, 18), 16800, "新增六面顶压机 120 台，毛坯年产能提高 40%"),
        new("绛州非遗文创专业镇", "绛州澄泥砚非遗工坊及展示中心项目", "新绛县古绛澄泥砚文化发展有限公司", ProjectKind.New, ProjectRole.ShortBoard, 3200, 2000, "县文旅局",
            new(2024, 2, 26), new(2024, 4, 10), new(2024, 4, 10), new(2024, 10, 31), new(2024, 12, 10), 1850, "工坊和展示中心建成开放，入驻非遗传承人 12 名"),
        new("绛州绿专业镇", "泉掌镇设施蔬菜智能温室建设项目", "山西绛州绿农业开发有限公司", ProjectKind.New, ProjectRole.Flagship, 5600, 3500, "县农业农村局",
            new(2024, 1, 22), new(2024, 3, 1), new(2024, 3, 5), new(2024, 9, 30), new(2024, 9, 28), 3420, "建成智能连栋温室 60 亩，番茄、彩椒投产"),
        new("新绛中药材专业镇", "北张镇中药材仓储物流中心项目", "新绛县北张镇绛源药材仓储有限公司", ProjectKind.New, ProjectRole.ShortBoard, 4800, 3000, "县农业农村局",
            new(2024, 3, 18), new(2024, 6, 30), new(2025, 3, 18), new(2024, 12, 31), new(2025, 5, 20), 900, "因用地性质调整推迟开工，2025年建成恒温库 1.2 万立方米"),
        new("永济机电制造专业镇", "永济牵引电机智能制造项目", "永济市舜都电机制造有限公司", ProjectKind.Expansion, ProjectRole.Flagship, 26000, 12000, "市工科局",
            null, new(2024, 4, 15), new(2024, 4, 15), new(2024, 12, 20), new(2024, 12, 26), 10900, "新建智能化定转子生产线 2 条，年产牵引电机 3000 台"),
        new("卿头镇农副产品加工专业镇", "卿头镇果蔬冷链及净菜加工项目", "永济市卿头镇鑫源果蔬冷藏有限公司", ProjectKind.New, ProjectRole.ShortBoard, 4200, 2600, "市农业农村局",
            new(2024, 3, 30), new(2024, 5, 20), new(2024, 6, 12), new(2024, 12, 15), new(2025, 3, 28), 1900, "冷库 8000 吨及净菜加工车间建成，设备调试推迟至 2025年3月投产"),
        new("开张镇畜牧养殖专业镇", "开张镇标准化肉牛养殖场扩建项目", "永济市开张牧业有限公司", ProjectKind.Expansion, ProjectRole.ShortBoard, 3500, 2000, "市农业农村局",
            null, new(2024, 9, 10), new(2025, 3, 5), new(2025, 6, 30), new(2025, 6, 10), 300, "环评批复延后，2025年3月开工，新增牛舍 6 栋、存栏能力 1500 头"),
        new("蒲州镇文旅康养专业镇", "蒲州黄河湿地康养步道及配套项目", "永济市蒲州镇黄河湿地康养有限公司", ProjectKind.New, ProjectRole.Flagship, 6800, 3000, "市文旅局",
            new(2024, 2, 20), new(2024, 3, 28), new(2024, 3, 28), new(2024, 10, 1), new(2024, 9, 26), 2980, "建成湿地康养步道 12 公里及游客服务驿站 3 处"),
        new("皋落乡食用菌专业镇", "皋落乡香菇标准化出菇棚改造项目", "垣曲县皋落乡舜鑫食用菌专业合作社", ProjectKind.TechUpgrade, ProjectRole.ShortBoard, 1600, 1600, "县农业农村局",
            null, new(2024, 3, 10), new(2024, 3, 12), new(2024, 8, 31), new(2024, 8, 25), 1520, "改造标准化出菇棚 80 座，配套喷淋和遮阳系统"),
        new("历山镇蜂蜜专业镇", "历山镇中蜂标准化养殖基地建设项目", "垣曲县历山镇舜乡蜂业养殖专业合作社", ProjectKind.New, ProjectRole.ShortBoard, 1200, 800, "县农业农村局",
            new(2024, 2, 28), new(2024, 4, 1), new(2024, 4, 1), new(2024, 10, 31), new(2024, 10, 20), 760, "建成标准化中蜂养殖基地 3 处，新增蜂群 2000 箱"),
        new("古城镇渔业专业镇", "古城镇黄河鲤鱼生态养殖池塘改造项目", "垣曲县古城镇库区渔业专业合作社", ProjectKind.TechUpgrade, ProjectRole.ShortBoard, 900, 900, "县农业农村局",
            null, new(2024, 5, 15), new(2024, 7, 2), new(2024, 11, 30), new(2024, 12, 20), 610, "改造生态养殖池塘 300 亩，配套尾水处理设施"),
    ];

    /// <summary>
    /// Adds <see cref="PastProjects"/>, as each stood on <paramref name="today"/>: a stage reached after it is not reached yet,
    /// and a month reported after it is not reported (a demo loaded during 2024 has no past year to show, and loads none).
    /// </summary>
    private static async Task LoadPastYearAsync(TownsDbContext db, DateOnly today, IReadOnlyDictionary<string, Core.Towns.SpecializedTown> towns,
        Func<string, string?, int?> unit, IReadOnlyDictionary<string, int> enterprises, CancellationToken ct)
    {
        if (today.Year <= PastYear) return;
        foreach (var s in PastProjects)
        {
            if (!towns.TryGetValue(s.Town, out var town)) continue;
            DateOnly? Reached(DateOnly? on) => on is { } d && d <= today ? d : null;
            var p = new KeyProject
            {
                Name = s.Name, SpecializedTownId = town.Id, CountyId = town.CountyId, OwnerName = s.Owner,
                OwnerEnterpriseId = enterprises.TryGetValue(s.Owner, out var e) ? e : null,
                Kind = s.Kind, Role = s.Role, TotalInvestmentWanYuan = s.Total, AnnualPlannedInvestmentWanYuan = s.Annual, PlanYear = PastYear,
                ResponsibleUnitId = unit(s.Town, s.Unit), ResponsibleLeader = "分管副县长", IsDemo = true,
                CreatedAtUtc = new DateTime(PastYear, 1, 10, 2, 0, 0, DateTimeKind.Utc), Description = s.Works,
                PlannedSignedOn = s.Signed, SignedOn = Reached(s.Signed), PlannedStartOn = s.PlannedStart, StartedOn = Reached(s.Started),
                PlannedProductionOn = s.PlannedProduction,
            };
            if (p.StartedOn is not null) p.InProductionOn = Reached(s.InProduction);
            // Each reached its target output four months after it went into production: a project still in production would owe
            // a monthly report for good (ProjectReminders), which a finished project of 2024 does not.
            p.PlannedTargetOn = s.InProduction.AddDays(120);
            if (p.InProductionOn is not null) p.AtTargetOn = Reached(p.PlannedTargetOn);
            p.Stage = p.AtTargetOn is not null ? ProjectStage.AtTarget : p.InProductionOn is not null ? ProjectStage.InProduction
                : p.StartedOn is not null ? ProjectStage.Started : p.SignedOn is not null ? ProjectStage.Signed : ProjectStage.Planning;
            var previous = ProjectStage.Planning;
            foreach (var (stage, on) in ProjectTerms.Milestones.Select(m => (m, p.ReachedOn(m))).Where(x => x.Item2 is not null))
            {
                p.StageChanges.Add(new ProjectStageChange { From = previous, To = stage, On = on!.Value, UserName = "演示数据", Note = "演示数据", AtUtc = At(on.Value) });
                previous = stage;
            }
            foreach (var k in GuaranteeTerms.Kinds)
                p.Guarantees.Add(new ElementGuarantee
                {
                    Kind = k, UnitId = p.ResponsibleUnitId, UpdatedAtUtc = At(p.StartedOn ?? s.PlannedStart),
                    Status = p.Stage >= ProjectStage.Started ? GuaranteeStatus.Secured : k == GuaranteeKind.Financing ? GuaranteeStatus.NotNeeded : GuaranteeStatus.InProgress,
                });
            // The year's investment in equal monthly reports (the last one takes the rounding) from the month it began, each
            // reported early in the following month.
            var from = new[] { s.PlannedStart, s.Started }.Min();
            var first = from.Year < PastYear ? 1 : from.Month;
            var months = Enumerable.Range(first, 13 - first).ToList();
            var each = Math.Round(s.Invested / months.Count, 2);
            foreach (var m in months)
            {
                var reported = new DateOnly(PastYear, m, 1).AddMonths(1).AddDays(4);
                if (reported > today) break;
                p.Progress.Add(new ProjectProgress
                {
                    Year = PastYear, Month = m, InvestmentCompletedWanYuan = m == 12 ? s.Invested - each * (months.Count - 1) : each,
                    PhysicalProgress = m < s.Started.Month || s.Started.Year > PastYear ? "办理用地、环评等前期手续"
                        : m >= s.InProduction.Month && s.InProduction.Year == PastYear ? s.Works : "项目建设中",
                    ReportedBy = "演示数据", ReportedAtUtc = At(reported),
                });
            }
            db.Projects.Add(p);
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateTime At(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(1, 0)), DateTimeKind.Utc);

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
        await LoadPastYearAsync(db, today, towns, Unit, enterprises, ct);

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
