using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Demo.Scale;

/// <summary>
/// `demo generate`: a whole province (or the country) of invented but plausible data on top of the demo, for benchmarks
/// and load tests. Deterministic by seed: the same seed and scale give the same rows. Sizes follow a Pareto law, so a few
/// towns are large and most are small, as in the real registers. Everything is written in one transaction and marked as
/// demo data; accounts share one password.
/// </summary>
public static class ScaleGenerator
{
    /// <summary>The day the generated history runs up to; fixed so a seed always gives the same rows.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 30);

    public static async Task<ScaleReport> GenerateAsync(TownsDbContext db, ScaleSpec spec, int seed, string password,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        await DemoData.LoadAsync(db, ct);
        if (await db.Users.AnyAsync(u => u.UserName == "office-00001", ct) || await db.Enterprises.CountAsync(ct) > 5_000)
            throw new InvalidOperationException("数据库中已有大量企业数据（可能已生成过），为免重复，请换一个空数据库再生成。");
        var audit = db.AuditEnabled;
        db.AuditEnabled = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var run = new Run(db, new Random(seed), password, progress, ct);
            var report = await run.ExecuteAsync(spec);
            progress?.Report("提交事务…");
            await tx.CommitAsync(ct);
            return report;
        }
        finally
        {
            db.AuditEnabled = audit;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private sealed class Run(TownsDbContext db, Random rng, string password, IProgress<string>? progress, CancellationToken ct)
    {
        private static readonly DateTime CreatedAt = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
        private readonly Dictionary<int, List<Unit>> _unitsByCounty = [];
        private readonly Dictionary<int, (int Id, string Name)> _officeByCounty = [];
        private readonly Dictionary<int, List<int>> _enterprisesByTown = [];
        private int _enterprises, _statistics, _progress, _accounts;

        public async Task<ScaleReport> ExecuteAsync(ScaleSpec spec)
        {
            var tree = await JurisdictionTree.EnsureReferenceAsync(db, ct);
            var province = await db.Jurisdictions.SingleAsync(j => j.Level == JurisdictionLevel.Province && j.Path == "山西省", ct);
            progress?.Report("行政区划…");
            var counties = await ShanxiCountiesAsync(province, spec.Counties);
            await TownshipsAsync(counties, spec.Townships);
            await UnitsAsync(counties);

            progress?.Report("专业镇…");
            var towns = await TownsAsync(counties, spec.Towns);
            progress?.Report("企业与三年统计…");
            await EnterprisesAsync(counties, towns, spec.Enterprises);
            progress?.Report("账号…");
            await AccountsAsync(counties, towns, spec.Accounts);
            progress?.Report("重点项目与月度进展…");
            var projects = await ProjectsAsync(towns, spec.Projects);
            progress?.Report("重点任务…");
            var tasks = await TasksAsync(counties, towns, spec.Tasks);
            progress?.Report("问题台账…");
            var problems = await ProblemsAsync(counties, towns, spec.Problems);
            progress?.Report("审计日志…");
            await AuditTrailAsync(counties);

            if (spec.IsNational)
            {
                progress?.Report("全国：其他省份的行政区划、专业镇与企业…");
                var others = await OtherProvincesAsync(spec.NationalTownships - spec.Townships);
                await UnitsAsync(others);
                var otherTowns = await TownsAsync(others, spec.NationalTowns - spec.Towns);
                // Each enterprise row's foreign-key checks are planned from what PostgreSQL knows of the tables they point
                // into; until analysed, the 40,000 townships written in this transaction are unknown to it and every check
                // scanned the whole jurisdictions table (a batch of 50,000 enterprises took 45 s instead of about 2).
                if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE jurisdictions, specialized_towns", ct);
                await EnterprisesAsync(others, otherTowns, spec.NationalEnterprises - spec.Enterprises);
                towns.AddRange(otherTowns);
            }
            var jurisdictions = await db.Jurisdictions.CountAsync(ct);
            return new ScaleReport(jurisdictions, towns.Count, _enterprises, _statistics, projects, _progress, tasks, problems, _accounts);
        }

        // ---- jurisdictions ------------------------------------------------------------------------------------------------

        /// <summary>Shanxi's counties, all in the reference tree (shanxi-jurisdictions.yaml), in the order it lists them.</summary>
        private async Task<List<Jurisdiction>> ShanxiCountiesAsync(Jurisdiction province, int wanted)
        {
            var under = province.Path + "/";
            var counties = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.County && j.Path.StartsWith(under)).OrderBy(j => j.Id).ToListAsync(ct);
            if (counties.Count < wanted) throw new InvalidDataException($"the reference tree holds {counties.Count} of Shanxi's {wanted} counties");
            return counties.Take(wanted).ToList();
        }

        private async Task TownshipsAsync(List<Jurisdiction> counties, int wanted)
        {
            var ids = counties.Select(c => c.Id).ToList();
            var existing = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township && j.ParentId != null && ids.Contains(j.ParentId.Value))
                .Select(j => new { j.ParentId, j.Name }).ToListAsync(ct);
            var missing = wanted - existing.Count;
            if (missing <= 0) return;
            // Some counties have many townships, some few: weights between 0.5 and 1.5 of the mean.
            var weights = counties.Select(_ => 0.5 + rng.NextDouble()).ToArray();
            var shares = Allocate(missing, weights);
            for (var c = 0; c < counties.Count; c++)
            {
                var county = counties[c];
                var taken = existing.Where(e => e.ParentId == county.Id).Select(e => e.Name).ToHashSet();
                foreach (var name in Names.Townships(rng).Where(n => !taken.Contains(n)).Take(shares[c]))
                    db.Jurisdictions.Add(new Jurisdiction { Name = name, Level = JurisdictionLevel.Township, ParentId = county.Id, Path = $"{county.Path}/{name}" });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        private async Task<List<Jurisdiction>> OtherProvincesAsync(int townships)
        {
            var counties = new List<Jurisdiction>();
            foreach (var (name, code) in Names.OtherProvinces)
            {
                var province = new Jurisdiction { Name = name, Level = JurisdictionLevel.Province, Code = code, Path = name };
                db.Jurisdictions.Add(province);
                for (var c = 1; c <= 10; c++)
                {
                    var cityName = $"{name[..2]}第{c}市";
                    var city = new Jurisdiction { Name = cityName, Level = JurisdictionLevel.City, Parent = province, Path = $"{name}/{cityName}", Code = code[..2] + c.ToString("00") + "00" };
                    db.Jurisdictions.Add(city);
                    for (var k = 1; k <= 12; k++)
                    {
                        var countyName = $"{Names.CountyStem(rng)}{(k % 4 == 0 ? "区" : "县")}";
                        if (counties.Any(x => x.Parent == city && x.Name == countyName)) countyName = $"{countyName[..^1]}{k}{countyName[^1]}";
                        var county = new Jurisdiction
                        {
                            Name = countyName, Level = JurisdictionLevel.County, Parent = city, Path = $"{city.Path}/{countyName}",
                            Code = code[..2] + c.ToString("00") + k.ToString("00"),
                        };
                        db.Jurisdictions.Add(county);
                        counties.Add(county);
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            await TownshipsAsync(counties, townships);
            return counties;
        }

        private async Task UnitsAsync(List<Jurisdiction> counties)
        {
            var ids = counties.Select(c => c.Id).ToList();
            var existing = (await db.Units.Where(u => ids.Contains(u.JurisdictionId)).ToListAsync(ct)).GroupBy(u => u.JurisdictionId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var county in counties)
            {
                var list = existing.GetValueOrDefault(county.Id) ?? [];
                foreach (var name in Names.CountyUnits.Where(n => list.All(u => u.Name != n)))
                {
                    var unit = new Unit { JurisdictionId = county.Id, Name = name };
                    db.Units.Add(unit);
                    list.Add(unit);
                }
                _unitsByCounty[county.Id] = list;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        // ---- towns -------------------------------------------------------------------------------------------------------

        private sealed record TownRow(int Id, string Name, int CountyId, string Category, string Industry, Tier Tier, decimal OutputWanYuan, int[] TownshipIds);

        private async Task<List<TownRow>> TownsAsync(List<Jurisdiction> counties, int wanted)
        {
            var countyIds = counties.Select(c => c.Id).ToList();
            var result = await db.Towns.Where(t => countyIds.Contains(t.CountyId))
                .Select(t => new { t.Id, t.Name, t.CountyId, t.Category, t.LeadingIndustry, t.Tier, Townships = t.Townships.Select(x => x.TownshipId).ToList(),
                    Output = t.Statistics.OrderByDescending(s => s.Year).Select(s => s.OutputValueWanYuan).FirstOrDefault() })
                .ToListAsync(ct)
                .ContinueWith(r => r.Result.Select(t => new TownRow(t.Id, t.Name, t.CountyId, t.Category, t.LeadingIndustry, t.Tier, t.Output ?? 10_000m, t.Townships.ToArray())).ToList(), ct);
            var missing = wanted - result.Count;
            if (missing <= 0) return result;

            var townshipsByCounty = (await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township && j.ParentId != null && countyIds.Contains(j.ParentId.Value))
                    .Select(j => new { j.Id, j.Name, County = j.ParentId!.Value }).ToListAsync(ct))
                .GroupBy(j => j.County).ToDictionary(g => g.Key, g => g.OrderBy(j => j.Id).Select(j => (j.Id, j.Name)).ToList());
            var used = result.SelectMany(t => t.TownshipIds).ToHashSet();
            var policies = (await db.PolicyDocuments.Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            var countyWeights = counties.Select(_ => 0.3 + rng.NextDouble()).ToArray();
            var perCounty = Allocate(missing, countyWeights);
            var created = new List<SpecializedTown>();
            for (var c = 0; c < counties.Count; c++)
            {
                var county = counties[c];
                var free = townshipsByCounty.GetValueOrDefault(county.Id, []).Where(t => !used.Contains(t.Id)).ToList();
                for (var n = 0; n < perCounty[c] && free.Count > 0; n++)
                {
                    var township = free[rng.Next(free.Count)];
                    free.Remove(township);
                    used.Add(township.Id);
                    var (category, industry, products) = Names.Industry(rng);
                    var output = Pareto(8_000m, 1.2, 3_000_000m);
                    var tier = output switch
                    {
                        > 300_000m => rng.NextDouble() < 0.7 ? Tier.Provincial : Tier.Municipal,
                        > 80_000m => rng.NextDouble() < 0.6 ? Tier.Municipal : Tier.County,
                        > 20_000m => rng.NextDouble() < 0.7 ? Tier.County : Tier.Reserve,
                        _ => rng.NextDouble() < 0.3 ? Tier.County : Tier.Reserve,
                    };
                    var growth = (decimal)(rng.NextDouble() * 0.25 - 0.03);
                    var town = new SpecializedTown
                    {
                        Name = $"{township.Name}{industry}专业镇", CountyId = county.Id, Category = category, LeadingIndustry = industry,
                        LeadingProducts = products, Tier = tier, PolicyId = PolicyFor(county.Path, policies),
                        HistoricalOriginOrGeographicalIndication = rng.NextDouble() < 0.35, IsDemo = true,
                        LargeNationalMarketSpace = rng.NextDouble() < 0.5 ? true : null,
                        Townships = [new TownTownship { TownshipId = township.Id }],
                    };
                    if (tier != Tier.Reserve)
                        town.TierHistory.Add(new TierChange
                        {
                            Tier = tier, EffectiveOn = new DateOnly(2021 + rng.Next(4), 1 + rng.Next(12), 1 + rng.Next(28)),
                            DocumentNumber = $"{county.Name[..1]}政办发〔{2021 + rng.Next(4)}〕{1 + rng.Next(60)}号", Note = "生成数据",
                        });
                    for (var year = DemoData.LatestYear - DemoData.Years + 1; year <= DemoData.LatestYear; year++)
                    {
                        var f = (decimal)Math.Pow(1 + (double)growth, year - DemoData.LatestYear);
                        var value = Math.Round(output * f, 2);
                        town.Statistics.Add(new TownAnnualStatistics
                        {
                            Year = year, OutputValueWanYuan = value, RevenueWanYuan = Math.Round(value * 0.92m, 2), TaxWanYuan = Math.Round(value * 0.035m, 2),
                            Employment = (int)(value / 40m) + 50, ProvincialMarketSharePercent = Math.Round((decimal)(rng.NextDouble() * 40), 1),
                            CityMarketSharePercent = Math.Round((decimal)(20 + rng.NextDouble() * 60), 1), ExportWanYuan = Math.Round(value * (decimal)(rng.NextDouble() * 0.1), 2),
                            Patents = (int)(value / 5_000m), PublicServicePlatforms = rng.Next(4), IsDemo = true,
                        });
                    }
                    db.Towns.Add(town);
                    created.Add(town);
                }
            }
            await db.SaveChangesAsync(ct);
            result.AddRange(created.Select(t => new TownRow(t.Id, t.Name, t.CountyId, t.Category, t.LeadingIndustry, t.Tier,
                t.Statistics.Last().OutputValueWanYuan ?? 0, t.Townships.Select(x => x.TownshipId).ToArray())));
            db.ChangeTracker.Clear();
            return result;
        }

        private static string? PolicyFor(string countyPath, HashSet<string> packs)
        {
            string? id = countyPath switch
            {
                _ when countyPath.EndsWith("/垣曲县", StringComparison.Ordinal) => "yuanqu-2023-19",
                _ when countyPath.EndsWith("/新绛县", StringComparison.Ordinal) => "xinjiang-2023-33",
                _ when countyPath.EndsWith("/永济市", StringComparison.Ordinal) => "yongji-2024-2025",
                _ when countyPath.StartsWith("山西省/运城市/", StringComparison.Ordinal) => "yuncheng-2023-8",
                _ when countyPath.StartsWith("山西省/阳泉市/", StringComparison.Ordinal) => "yangquan-2023-24",
                _ when countyPath.StartsWith("山西省/朔州市/", StringComparison.Ordinal) => "shuozhou-2023-19",
                _ when countyPath.StartsWith("山西省/", StringComparison.Ordinal) => "shanxi-2022-80",
                _ => null,
            };
            return id is not null && packs.Contains(id) ? id : null;
        }

        // ---- enterprises -------------------------------------------------------------------------------------------------

        private static readonly string[] EnterpriseColumns =
            ["id", "name", "uscc", "county_id", "township_id", "specialized_town_id", "role", "industry", "industry_category", "is_above_scale", "is_demo"];
        private static readonly string[] StatisticColumns =
            ["id", "enterprise_id", "year", "output_value_wan_yuan", "revenue_wan_yuan", "tax_wan_yuan", "employment", "export_wan_yuan", "patents", "is_demo"];
        private static readonly string[] DesignationColumns = ["id", "enterprise_id", "key", "year"];
        private static readonly string[] DesignationKeys = ["specialized-sophisticated", "little-giant", "single-champion", "provincial-enterprise-technology-center", "leading-enterprise"];

        private async Task EnterprisesAsync(List<Jurisdiction> counties, List<TownRow> towns, int wanted)
        {
            var missing = wanted - await db.Enterprises.CountAsync(ct);
            if (missing <= 0) return;
            var countyById = counties.ToDictionary(c => c.Id);
            var townships = (await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township && j.ParentId != null)
                    .Select(j => new { j.Id, County = j.ParentId!.Value }).ToListAsync(ct))
                .Where(j => countyById.ContainsKey(j.County)).GroupBy(j => j.County).ToDictionary(g => g.Key, g => g.Select(j => j.Id).ToArray());
            var usccs = (await db.Enterprises.Select(e => e.Uscc).ToListAsync(ct)).ToHashSet();

            // Three in four enterprises belong to a town, in proportion to its size (a few large towns hold most of them).
            var inTowns = towns.Count == 0 ? 0 : missing * 3 / 4;
            var perTown = Allocate(inTowns, towns.Select(t => Math.Pow((double)t.OutputWanYuan, 0.9)).ToArray());
            var perCounty = Allocate(missing - inTowns, counties.Select(_ => 0.3 + rng.NextDouble()).ToArray());

            var nextId = await BulkRows.MaxIdAsync(db, "enterprises", ct) + 1;
            var nextStatistic = await BulkRows.MaxIdAsync(db, "enterprise_annual_statistics", ct) + 1;
            var nextDesignation = await BulkRows.MaxIdAsync(db, "enterprise_designations", ct) + 1;
            var sequence = 0;

            IEnumerable<(int County, TownRow? Town, int Count)> Groups()
            {
                for (var t = 0; t < towns.Count; t++) yield return (towns[t].CountyId, towns[t], perTown[t]);
                for (var c = 0; c < counties.Count; c++) yield return (counties[c].Id, null, perCounty[c]);
            }

            const int chunk = 50_000;
            var enterprises = new List<object?[]>(chunk);
            var statistics = new List<object?[]>(chunk * 3);
            var designations = new List<object?[]>();
            async Task FlushAsync()
            {
                _enterprises += await BulkRows.InsertAsync(db, "enterprises", EnterpriseColumns, enterprises, ct);
                _statistics += await BulkRows.InsertAsync(db, "enterprise_annual_statistics", StatisticColumns, statistics, ct);
                await BulkRows.InsertAsync(db, "enterprise_designations", DesignationColumns, designations, ct);
                enterprises.Clear(); statistics.Clear(); designations.Clear();
                progress?.Report($"  企业 {_enterprises:N0} 家，统计 {_statistics:N0} 条");
            }

            foreach (var (countyId, town, count) in Groups())
            {
                var county = countyById[countyId];
                var countyTownships = townships.GetValueOrDefault(countyId, []);
                var leaders = town is null ? 0 : Math.Clamp((int)Math.Round(count * 0.02), 1, 30);
                var agriculture = town?.Category == IndustryCategories.SpecialtyAgriculture;
                var ids = town is null ? null : _enterprisesByTown.TryGetValue(town.Id, out var l) ? l : _enterprisesByTown[town.Id] = [];
                for (var i = 0; i < count; i++)
                {
                    var id = nextId++;
                    var leading = i < leaders;
                    var role = leading ? EnterpriseRole.Leading
                        : agriculture && rng.NextDouble() < 0.45 ? (rng.NextDouble() < 0.66 ? EnterpriseRole.FamilyFarm : EnterpriseRole.Cooperative)
                        : EnterpriseRole.Supporting;
                    var (category, industry, _) = town is null ? Names.Industry(rng) : (town.Category, town.Industry, "");
                    var uscc = Uscc(county.Code, ++sequence);
                    while (!usccs.Add(uscc)) uscc = Uscc(county.Code, ++sequence);
                    var townshipId = town is not null ? town.TownshipIds[rng.Next(town.TownshipIds.Length)]
                        : countyTownships.Length > 0 && rng.NextDouble() < 0.8 ? countyTownships[rng.Next(countyTownships.Length)] : (int?)null;
                    var output = Pareto(leading ? 20_000m : 150m, 1.3, leading ? 5_000_000m : 400_000m);
                    var aboveScale = leading || output > 2_000m || rng.NextDouble() < 0.05;
                    enterprises.Add([id, Names.Enterprise(rng, county.Name, industry, role), uscc, countyId, townshipId, town?.Id, role, industry, category, aboveScale, true]);
                    ids?.Add(id);
                    var growth = 0.9 + rng.NextDouble() * 0.3;
                    for (var year = DemoData.LatestYear - DemoData.Years + 1; year <= DemoData.LatestYear; year++)
                    {
                        var value = Math.Round(output * (decimal)Math.Pow(growth, year - DemoData.LatestYear), 2);
                        statistics.Add([nextStatistic++, id, year, value, Math.Round(value * 0.93m, 2), Math.Round(value * 0.035m, 2),
                            Math.Max(1, (int)(value / 30m)), rng.NextDouble() < 0.1 ? Math.Round(value * 0.2m, 2) : null, (int)(value / 8_000m), true]);
                    }
                    if (leading || rng.NextDouble() < 0.02)
                        designations.Add([nextDesignation++, id, leading ? "leading-enterprise" : DesignationKeys[rng.Next(DesignationKeys.Length - 1)], 2020 + rng.Next(5)]);
                    if (enterprises.Count == chunk) await FlushAsync();
                }
            }
            await FlushAsync();
        }

        private static string Uscc(string? countyCode, int sequence)
        {
            const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            var org = new char[9];
            var n = (long)sequence * 7_919 + 104_729;   // spread the sequence over the code space
            for (var i = 8; i >= 0; i--) { org[i] = alphabet[(int)(n % 31)]; n /= 31; }
            var body = "91" + (countyCode ?? "140000").PadRight(6, '0')[..6] + new string(org);
            return body + Core.Enterprises.Uscc.CheckCharacter(body);
        }

        // ---- accounts ----------------------------------------------------------------------------------------------------

        private async Task AccountsAsync(List<Jurisdiction> counties, List<TownRow> towns, int wanted)
        {
            foreach (var role in Roles.All)
                if (!await db.Roles.AnyAsync(r => r.Name == role, ct))
                    db.Roles.Add(new IdentityRole<int>(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = NewGuid().ToString() });
            await db.SaveChangesAsync(ct);
            var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
            var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), password);

            var planned = new List<(string UserName, string DisplayName, string Role, int JurisdictionId, int? UnitId, int? TownId)>();
            // The administrator and the README's demo accounts first, so the generated deployment can be signed in as usual.
            if (!await db.Users.AnyAsync(u => u.UserName == AccountSeeder.AdminUserName, ct))
                planned.Add((AccountSeeder.AdminUserName, "系统管理员", Roles.Admin, (await db.Jurisdictions.SingleAsync(j => j.Path == "山西省", ct)).Id, null, null));
            foreach (var demo in AccountSeeder.DemoAccounts)
            {
                if (await db.Users.AnyAsync(u => u.UserName == demo.UserName, ct)) continue;
                var jurisdiction = await db.Jurisdictions.SingleAsync(j => j.Path == demo.JurisdictionPath, ct);
                int? unitId = demo.UnitName is null ? null : (await Units.UnitRegistry.ResolveAsync(db, jurisdiction.Id, demo.UnitName, ct)).Id;
                int? townId = demo.TownName is null ? null : await db.Towns.Where(t => t.Name == demo.TownName).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
                planned.Add((demo.UserName, demo.DisplayName, demo.Role, jurisdiction.Id, unitId, townId));
            }
            var n = 0;
            foreach (var county in counties)
            {
                var units = _unitsByCounty[county.Id];
                planned.Add(($"office-{++n:00000}", $"{county.Name}专业镇办", Roles.Office, county.Id, units[0].Id, null));
                planned.Add(($"leader-{++n:00000}", $"{county.Name}分管领导", Roles.Leader, county.Id, null, null));
            }
            foreach (var town in towns)
                planned.Add(($"township-{++n:00000}", $"{town.Name}专干", Roles.Township, town.TownshipIds[0], null, town.Id));
            for (var round = 1; planned.Count < wanted; round++)
                foreach (var county in counties)
                {
                    if (planned.Count >= wanted) break;
                    var unit = _unitsByCounty[county.Id][round % _unitsByCounty[county.Id].Count];
                    planned.Add(round % 7 == 0
                        ? ($"expert-{++n:00000}", $"评审专家{n}", Roles.Expert, county.ParentId ?? county.Id, null, null)
                        : ($"member-{++n:00000}", $"{county.Name}{unit.Name}", Roles.MemberUnit, county.Id, unit.Id, null));
                }
            var fixedAccounts = planned.Count(p => p.UserName == AccountSeeder.AdminUserName || AccountSeeder.DemoAccounts.Any(d => d.UserName == p.UserName));
            foreach (var (i, p) in planned.Take(Math.Max(wanted, fixedAccounts)).Index())
            {
                var user = new AppUser
                {
                    UserName = p.UserName, NormalizedUserName = p.UserName.ToUpperInvariant(), DisplayName = p.DisplayName, JurisdictionId = p.JurisdictionId,
                    UnitId = p.UnitId, SpecializedTownId = p.TownId, CreatedAtUtc = CreatedAt, LockoutEnabled = true, PasswordHash = hash,
                    SecurityStamp = NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = NewGuid().ToString(),
                };
                db.Users.Add(user);
                await db.SaveChangesAsync(ct);
                db.UserRoles.Add(new IdentityUserRole<int> { UserId = user.Id, RoleId = roleIds[p.Role] });
                if (p.Role == Roles.Office && p.UnitId is { } unitId && !_officeByCounty.ContainsKey(p.JurisdictionId)) _officeByCounty[p.JurisdictionId] = (user.Id, p.DisplayName);
                _accounts++;
                if (i % 500 == 499) { await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        // ---- projects ----------------------------------------------------------------------------------------------------

        private static readonly string[] ProjectColumns =
        [
            "id", "name", "specialized_town_id", "county_id", "owner_enterprise_id", "owner_name", "kind", "role", "description",
            "total_investment_wan_yuan", "annual_planned_investment_wan_yuan", "plan_year", "responsible_unit_id", "responsible_leader", "stage",
            "planned_signed_on", "signed_on", "planned_start_on", "started_on", "planned_production_on", "in_production_on", "planned_target_on",
            "at_target_on", "is_demo", "created_at_utc",
        ];
        private static readonly string[] ProgressColumns =
            ["id", "project_id", "year", "month", "investment_completed_wan_yuan", "physical_progress", "difficulties", "problem_id", "reported_by_user_id", "reported_by", "reported_at_utc"];

        private async Task<int> ProjectsAsync(List<TownRow> towns, int wanted)
        {
            var missing = wanted - await db.Projects.CountAsync(ct);
            if (missing <= 0 || towns.Count == 0) return 0;
            var perTown = Allocate(missing, towns.Select(t => Math.Sqrt((double)t.OutputWanYuan)).ToArray());
            var names = await db.Enterprises.Where(e => e.Role == EnterpriseRole.Leading && e.SpecializedTownId != null)
                .Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
            var nextId = await BulkRows.MaxIdAsync(db, "key_projects", ct) + 1;
            var nextProgress = await BulkRows.MaxIdAsync(db, "project_progress", ct) + 1;
            var projects = new List<object?[]>();
            var progress = new List<object?[]>();
            for (var t = 0; t < towns.Count; t++)
            {
                var town = towns[t];
                var owners = _enterprisesByTown.GetValueOrDefault(town.Id, []).Where(names.ContainsKey).ToList();
                var units = _unitsByCounty.GetValueOrDefault(town.CountyId, []);
                var office = _officeByCounty.GetValueOrDefault(town.CountyId, (0, "县专业镇办"));
                for (var i = 0; i < perTown[t]; i++)
                {
                    var id = nextId++;
                    var planYear = AsOf.Year - rng.Next(3);
                    var stage = (ProjectStage)Pick([0.2, 0.2, 0.35, 0.15, 0.1]);
                    var total = Math.Round(Pareto(500m, 1.1, 800_000m), 2);
                    var annual = Math.Round(total * (decimal)(0.2 + rng.NextDouble() * 0.4), 2);
                    var signed = new DateOnly(planYear, 1, 1).AddDays(rng.Next(200));
                    var started = signed.AddDays(30 + rng.Next(150));
                    var production = started.AddDays(180 + rng.Next(360));
                    var target = production.AddDays(180 + rng.Next(360));
                    // Most projects keep to plan: for nine in ten the next stage not yet reached still lies ahead (its plan and
                    // those after it moved past today); the rest are late. Some reach a stage late.
                    DateOnly? next = stage switch
                    {
                        ProjectStage.Planning => signed, ProjectStage.Signed => started, ProjectStage.Started => production,
                        ProjectStage.InProduction => target, _ => null,
                    };
                    if (next is { } due && due <= AsOf && rng.NextDouble() < 0.9)
                    {
                        var shift = AsOf.DayNumber - due.DayNumber + 5 + rng.Next(300);
                        if (stage < ProjectStage.Signed) signed = signed.AddDays(shift);
                        if (stage < ProjectStage.Started) started = started.AddDays(shift);
                        if (stage < ProjectStage.InProduction) production = production.AddDays(shift);
                        target = target.AddDays(shift);
                    }
                    DateOnly? Reached(ProjectStage s, DateOnly planned) => stage >= s ? Min(planned.AddDays(rng.Next(-20, 60)), AsOf) : null;
                    int? owner = owners.Count > 0 && rng.NextDouble() < 0.8 ? owners[rng.Next(owners.Count)] : null;
                    var ownerName = owner is { } o ? names[o] : Names.Enterprise(rng, "", town.Industry, EnterpriseRole.Supporting);
                    var (kind, word) = Names.ProjectKind(rng);
                    var startedOn = Reached(ProjectStage.Started, started);
                    projects.Add([
                        id, $"{town.Name[..2]}{town.Industry}{word}项目（{id}）", town.Id, town.CountyId, owner, ownerName, kind,
                        rng.NextDouble() < 0.3 ? ProjectRole.Flagship : ProjectRole.ShortBoard, null, total, annual, planYear,
                        units.Count > 0 ? units[rng.Next(units.Count)].Id : null, "分管副县长", stage,
                        signed, Reached(ProjectStage.Signed, signed), started, startedOn, production, Reached(ProjectStage.InProduction, production),
                        target, Reached(ProjectStage.AtTarget, target), true, CreatedAt,
                    ]);
                    if (startedOn is not { } from) continue;
                    var month = new DateOnly(from.Year, from.Month, 1);
                    for (var m = 0; m < 24 && month <= AsOf; m++, month = month.AddMonths(1))
                    {
                        var reportedAt = month.AddMonths(1).AddDays(rng.Next(10)).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
                        progress.Add([
                            nextProgress++, id, month.Year, month.Month, Math.Round(annual / 12m * (decimal)(0.3 + rng.NextDouble() * 1.2), 2),
                            Names.Progress(rng), rng.NextDouble() < 0.05 ? "要素保障滞后，需协调" : null, null, office.Item1, office.Item2, reportedAt,
                        ]);
                    }
                }
            }
            var count = await BulkRows.InsertAsync(db, "key_projects", ProjectColumns, projects, ct);
            _progress += await BulkRows.InsertAsync(db, "project_progress", ProgressColumns, progress, ct);
            return count;
        }

        // ---- tasks -------------------------------------------------------------------------------------------------------

        private static readonly string[] TaskColumns =
        [
            "id", "plan_id", "group_id", "sort_order", "number", "title", "source", "measures", "target_value", "target_unit", "current_value",
            "weight", "deadline", "original_deadline", "own_progress", "done_on",
        ];
        private static readonly string[] TaskUnitColumns = ["task_id", "unit_id", "role", "sort_order"];

        private async Task<int> TasksAsync(List<Jurisdiction> counties, List<TownRow> towns, int wanted)
        {
            var missing = wanted - await db.PlanTasks.CountAsync(ct);
            if (missing <= 0) return 0;
            var policies = (await db.PolicyDocuments.Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            var plans = new List<(ActionPlan Plan, int CountyId)>();
            foreach (var county in counties)
                foreach (var year in new[] { AsOf.Year - 1, AsOf.Year })
                {
                    var plan = new ActionPlan
                    {
                        Year = year, Title = $"{county.Name}{year}年专业镇高质量发展年度行动计划", PolicyId = PolicyFor(county.Path, policies) ?? "shanxi-2022-80",
                        JurisdictionId = county.Id, CreatedAtUtc = CreatedAt, CreatedBy = $"{county.Name}专业镇办", IsDemo = true,
                        Groups = Names.TaskGroups.Select((g, i) => new TaskGroup { Title = g, SortOrder = i + 1 }).ToList(),
                    };
                    db.ActionPlans.Add(plan);
                    plans.Add((plan, county.Id));
                }
            await db.SaveChangesAsync(ct);
            var townsByCounty = towns.GroupBy(t => t.CountyId).ToDictionary(g => g.Key, g => g.ToList());
            var perPlan = Allocate(missing, plans.Select(_ => 0.5 + rng.NextDouble()).ToArray());
            var nextId = await BulkRows.MaxIdAsync(db, "plan_tasks", ct) + 1;
            var tasks = new List<object?[]>();
            var taskUnits = new List<object?[]>();
            for (var p = 0; p < plans.Count; p++)
            {
                var (plan, countyId) = plans[p];
                var units = _unitsByCounty[countyId];
                var countyTowns = townsByCounty.GetValueOrDefault(countyId, []);
                for (var i = 0; i < perPlan[p]; i++)
                {
                    var id = nextId++;
                    var group = plan.Groups[i % plan.Groups.Count];
                    var deadline = new DateOnly(plan.Year, 3 + rng.Next(10), 1).AddDays(rng.Next(28));
                    var progress = deadline < AsOf ? (rng.NextDouble() < 0.75 ? 100 : rng.Next(30, 95)) : rng.Next(0, 90);
                    var subject = countyTowns.Count > 0 ? countyTowns[rng.Next(countyTowns.Count)].Name : plan.Title[..^10];
                    var (title, measures, unit, target) = Names.Task(rng, subject);
                    tasks.Add([
                        id, plan.Id, group.Id, i / plan.Groups.Count + 1, $"{i / plan.Groups.Count + 1}", title, "晋政办发〔2022〕80号", measures,
                        target, unit, target is { } v ? Math.Round(v * progress / 100m, 2) : null, 1m, deadline, deadline, progress,
                        progress == 100 ? Min(deadline.AddDays(-rng.Next(40)), AsOf) : null,
                    ]);
                    var lead = units[rng.Next(units.Count)];
                    taskUnits.Add([id, lead.Id, UnitRole.Lead, 1]);
                    var cooperating = units[rng.Next(units.Count)];
                    if (cooperating.Id != lead.Id) taskUnits.Add([id, cooperating.Id, UnitRole.Cooperating, 2]);
                }
            }
            var count = await BulkRows.InsertAsync(db, "plan_tasks", TaskColumns, tasks, ct);
            await BulkRows.InsertAsync(db, "task_units", TaskUnitColumns, taskUnits, ct);
            db.ChangeTracker.Clear();
            return count;
        }

        // ---- problems ----------------------------------------------------------------------------------------------------

        private static readonly string[] ProblemColumns =
        [
            "id", "title", "description", "source", "kind", "category", "jurisdiction_id", "specialized_town_id", "enterprise_id", "lead_unit_id",
            "deadline", "raised_by_user_id", "raised_by", "raised_at_utc", "state", "accepted_at_utc", "answered_at_utc", "closed_at_utc",
            "latest_answer", "is_demo",
        ];
        private static readonly string[] ProblemEventColumns = ["id", "problem_id", "at_utc", "user_id", "user_name", "action", "from_state", "to_state", "note", "on_behalf"];

        private async Task<int> ProblemsAsync(List<Jurisdiction> counties, List<TownRow> towns, int wanted)
        {
            var missing = wanted - await db.Problems.CountAsync(ct);
            if (missing <= 0) return 0;
            var perCounty = Allocate(missing, counties.Select(_ => 0.3 + rng.NextDouble()).ToArray());
            var townsByCounty = towns.GroupBy(t => t.CountyId).ToDictionary(g => g.Key, g => g.ToList());
            var nextId = await BulkRows.MaxIdAsync(db, "problems", ct) + 1;
            var nextEvent = await BulkRows.MaxIdAsync(db, "problem_events", ct) + 1;
            var problems = new List<object?[]>();
            var events = new List<object?[]>();
            for (var c = 0; c < counties.Count; c++)
            {
                var county = counties[c];
                var units = _unitsByCounty[county.Id];
                var countyTowns = townsByCounty.GetValueOrDefault(county.Id, []);
                var office = _officeByCounty.GetValueOrDefault(county.Id, (0, $"{county.Name}专业镇办"));
                for (var i = 0; i < perCounty[c]; i++)
                {
                    var id = nextId++;
                    var town = countyTowns.Count > 0 && rng.NextDouble() < 0.8 ? countyTowns[rng.Next(countyTowns.Count)] : null;
                    var enterprises = town is null ? [] : _enterprisesByTown.GetValueOrDefault(town.Id, []);
                    var kind = enterprises.Count > 0 && rng.NextDouble() < 0.4 ? ProblemKind.Individual : ProblemKind.Common;
                    int? enterprise = kind == ProblemKind.Individual ? enterprises[rng.Next(Math.Min(enterprises.Count, 200))] : null;
                    var category = (ProblemCategory)(1 + rng.Next(8));
                    var state = (ProblemState)(1 + Pick([0.1, 0.1, 0.25, 0.15, 0.35, 0.05]));
                    // Open problems are recent (a county answers within weeks); settled ones go back two years.
                    var age = state switch { ProblemState.Registered => rng.Next(7), ProblemState.Accepted or ProblemState.Handling => rng.Next(90), _ => rng.Next(720) };
                    var raised = AsOf.AddDays(-age).ToDateTime(new TimeOnly(1 + rng.Next(9), rng.Next(60)), DateTimeKind.Utc);
                    DateTime? accepted = state >= ProblemState.Accepted && state != ProblemState.Declined ? raised.AddDays(1 + rng.Next(5)) : null;
                    DateTime? answered = state is ProblemState.Answered or ProblemState.Closed ? accepted!.Value.AddDays(5 + rng.Next(40)) : null;
                    DateTime? closed = state == ProblemState.Closed ? answered!.Value.AddDays(1 + rng.Next(10))
                        : state == ProblemState.Declined ? raised.AddDays(1 + rng.Next(5)) : null;
                    var (title, description, answer) = Names.Problem(rng, category, town?.Name ?? county.Name);
                    var lead = state == ProblemState.Registered ? null : units[rng.Next(units.Count)];
                    problems.Add([
                        id, title, description, (ProblemSource)(1 + rng.Next(3)), kind, category, county.Id, town?.Id, enterprise, lead?.Id,
                        lead is null ? null : Core.ChinaTime.Date(raised).AddDays(30 + rng.Next(60)), office.Item1 == 0 ? null : office.Item1,
                        office.Item2, raised, state, accepted, answered, closed, answered is null ? null : answer, true,
                    ]);
                    events.Add(Event(nextEvent++, id, raised, office, "登记问题", ProblemState.Registered, ProblemState.Registered));
                    if (state != ProblemState.Registered)
                        events.Add(Event(nextEvent++, id, closed ?? answered ?? accepted ?? raised, office,
                            state == ProblemState.Declined ? "不予受理" : "受理", ProblemState.Registered, state));
                }
            }
            var count = await BulkRows.InsertAsync(db, "problems", ProblemColumns, problems, ct);
            await BulkRows.InsertAsync(db, "problem_events", ProblemEventColumns, events, ct);
            return count;
        }

        private static object?[] Event(int id, int problemId, DateTime at, (int Id, string Name) who, string action, ProblemState from, ProblemState to) =>
            [id, problemId, at, who.Id == 0 ? null : who.Id, who.Name, action, from, to, null, false];

        // ---- audit trail -------------------------------------------------------------------------------------------------

        private static readonly string[] AuditColumns =
        [
            "id", "at_utc", "user_id", "user_name", "display_name", "actor_path", "record_path", "address", "action", "entity_type", "entity_id",
            "entity_label", "root_type", "root_id", "changes",
        ];

        /// <summary>
        /// The trail a province's years of work leave: each county office brought its enterprises in by import (files of up to
        /// 5,000 rows, every row of a file written at the same moment, as an import writes them) and registered its projects and
        /// problems. One entry per record, as the platform writes them; Shanxi's only, also at national scale.
        /// </summary>
        private async Task AuditTrailAsync(List<Jurisdiction> counties)
        {
            if (await db.AuditEntries.CountAsync(ct) > 5_000) return;
            var countyIds = counties.Select(c => c.Id).ToList();
            var paths = await db.Jurisdictions.Where(j => j.Path.StartsWith("山西省")).Select(j => new { j.Id, j.Path }).ToDictionaryAsync(j => j.Id, j => j.Path, ct);
            var offices = _officeByCounty.Values.Select(o => o.Id).ToList();
            var userNames = await db.Users.Where(u => offices.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
            var nextId = await BulkRows.MaxIdAsync(db, "audit_entries", ct) + 1;
            var entries = new List<object?[]>(50_000);
            async Task FlushAsync()
            {
                await BulkRows.InsertAsync(db, "audit_entries", AuditColumns, entries, ct);
                entries.Clear();
            }
            void Add(DateTime at, int countyId, string type, int id, string label, string? placePath, IReadOnlyList<AuditChange> fields)
            {
                // A county without an office account (a scaled-down run) had its records brought in by the platform itself.
                var key = id.ToString(CultureInfo.InvariantCulture);
                var (user, name, display) = _officeByCounty.TryGetValue(countyId, out var office) ? ((int?)office.Id, userNames[office.Id], office.Name) : (null, "system", "系统");
                entries.Add([
                    (long)nextId++, at, user, name, display,
                    paths.GetValueOrDefault(countyId), placePath, $"10.{14 + countyId % 11}.{countyId % 250}.{20 + countyId % 200}", AuditAction.Created,
                    type, key, label, type, key,
                    AuditTrail.Write(fields),
                ]);
            }
            static AuditChange New(string field, string? value) => new(field, null, value);

            foreach (var (c, countyId) in countyIds.Index())
            {
                var rows = await db.Enterprises.Where(e => e.CountyId == countyId).OrderBy(e => e.Id)
                    .Select(e => new { e.Id, e.Name, e.Uscc, e.TownshipId, e.Industry, e.IndustryCategory, e.Role, e.IsAboveScale }).ToListAsync(ct);
                // A file a month, from March 2024 on; the counties spread over the first days of the month.
                foreach (var (f, file) in rows.Chunk(5_000).Index())
                {
                    var at = new DateTime(2024, 3, 2 + c % 25, 1 + c % 8, c % 60, 0, DateTimeKind.Utc).AddMonths(f);
                    foreach (var e in file)
                        Add(at, countyId, "Enterprise", e.Id, e.Name, paths.GetValueOrDefault(e.TownshipId ?? countyId), [
                            New("CountyId", countyId.ToString(CultureInfo.InvariantCulture)), New("Industry", e.Industry),
                            New("IndustryCategory", e.IndustryCategory), New("IsAboveScale", e.IsAboveScale ? "是" : "否"), New("IsDemo", "否"), New("Name", e.Name),
                            New("Role", EnumNames.Chinese(e.Role)), New("TownshipId", e.TownshipId?.ToString(CultureInfo.InvariantCulture)), New("Uscc", e.Uscc),
                        ]);
                    if (entries.Count >= 45_000) await FlushAsync();
                }
            }
            foreach (var chunk in (await db.Projects.Where(p => countyIds.Contains(p.CountyId)).OrderBy(p => p.Id)
                         .Select(p => new { p.Id, p.Name, p.CountyId, p.OwnerName, p.PlanYear, p.TotalInvestmentWanYuan }).ToListAsync(ct)).Chunk(45_000))
            {
                foreach (var p in chunk)
                    Add(new DateTime(p.PlanYear, 1, 5, 2, 0, 0, DateTimeKind.Utc).AddDays(p.Id % 150).AddMinutes(p.Id % 600), p.CountyId, "KeyProject", p.Id, p.Name,
                        paths.GetValueOrDefault(p.CountyId), [New("Name", p.Name), New("OwnerName", p.OwnerName), New("PlanYear", p.PlanYear.ToString(CultureInfo.InvariantCulture)),
                            New("TotalInvestmentWanYuan", p.TotalInvestmentWanYuan.ToString(CultureInfo.InvariantCulture))]);
                await FlushAsync();
            }
            foreach (var chunk in (await db.Problems.Where(p => countyIds.Contains(p.JurisdictionId)).OrderBy(p => p.Id)
                         .Select(p => new { p.Id, p.Title, p.JurisdictionId, p.RaisedAtUtc, p.Category }).ToListAsync(ct)).Chunk(45_000))
            {
                foreach (var p in chunk)
                    Add(p.RaisedAtUtc, p.JurisdictionId, "Problem", p.Id, p.Title, paths.GetValueOrDefault(p.JurisdictionId),
                        [New("Category", EnumNames.Chinese(p.Category)), New("Title", p.Title)]);
                await FlushAsync();
            }
            await FlushAsync();
        }

        // ---- helpers -----------------------------------------------------------------------------------------------------

        /// <summary>A draw beyond the cap is folded back below it (cap² ÷ draw): cut at the cap, the few largest enterprises of a
        /// province all showed the same 500亿元 at the top of the list sorted by output.</summary>
        private decimal Pareto(decimal minimum, double alpha, decimal cap)
        {
            var draw = minimum / (decimal)Math.Pow(1 - rng.NextDouble(), 1 / alpha);
            return Math.Round(draw <= cap ? draw : Math.Max(minimum, cap * (cap / draw)), 2);
        }

        private int Pick(double[] shares)
        {
            var x = rng.NextDouble() * shares.Sum();
            for (var i = 0; i < shares.Length; i++) { if (x < shares[i]) return i; x -= shares[i]; }
            return shares.Length - 1;
        }

        private Guid NewGuid()
        {
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            return new Guid(bytes);
        }

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        /// <summary>Splits a total over weights by largest remainder, so the parts add up exactly.</summary>
        private static int[] Allocate(int total, double[] weights)
        {
            if (weights.Length == 0 || total <= 0) return new int[weights.Length];
            var sum = weights.Sum();
            var exact = weights.Select(w => total * w / sum).ToArray();
            var parts = exact.Select(x => (int)Math.Floor(x)).ToArray();
            foreach (var i in exact.Select((x, i) => (Remainder: x - Math.Floor(x), i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i).Take(total - parts.Sum()).Select(x => x.i))
                parts[i]++;
            return parts;
        }
    }
}
