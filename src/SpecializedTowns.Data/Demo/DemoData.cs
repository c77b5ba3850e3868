using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Jurisdictions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Demo;

public sealed record DemoLoadReport(bool AlreadyLoaded, int Jurisdictions, int Towns, int Enterprises, int StatisticRows);

/// <summary>
/// Loads the demo data of the five documents (Demo/demo-seed.yaml): jurisdictions, the towns the texts
/// name, invented enterprises with well-formed credit codes, and three years of figures, all marked IsDemo.
/// </summary>
public static class DemoData
{
    public const int LatestYear = 2024;
    public const int Years = 3;

    public static async Task<DemoLoadReport> LoadAsync(TownsDbContext db, CancellationToken ct = default, TimeProvider? time = null)
    {
        // Demo rows are loaded, not changed by anybody: the audit trail starts with the first person's change.
        var audit = db.AuditEnabled;
        db.AuditEnabled = false;
        try { return await LoadDemoAsync(db, ct, time); }
        finally { db.AuditEnabled = audit; }
    }

    private static async Task<DemoLoadReport> LoadDemoAsync(TownsDbContext db, CancellationToken ct, TimeProvider? time)
    {
        if (await db.Towns.AnyAsync(t => t.IsDemo, ct))
            return new DemoLoadReport(true, 0, 0, 0, 0);

        var seed = ReadSeed();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var jurisdictions = await JurisdictionTree.EnsureReferenceAsync(db, ct);
        var statisticRows = 0;
        var enterpriseCount = 0;

        foreach (var s in seed.Towns)
        {
            var county = jurisdictions.County(s.County);
            var town = new SpecializedTown
            {
                Name = s.Name,
                CountyId = county.Id,
                Category = s.Category,
                LeadingIndustry = s.LeadingIndustry,
                LeadingProducts = string.Join("、", s.LeadingProducts),
                Tier = Tiers.Parse(s.Tier) ?? throw new InvalidDataException($"demo town {s.Name}: tier {s.Tier}"),
                PolicyId = s.Policy,
                HistoricalOriginOrGeographicalIndication = s.HistoricalOriginOrGeographicalIndication,
                LargeNationalMarketSpace = s.LargeNationalMarketSpace,
                IsDemo = true,
                Townships = s.Townships.Select(name => new TownTownship { TownshipId = jurisdictions.Township(county, name).Id }).ToList(),
                TierHistory = s.TierHistory.Select(h => new TierChange
                {
                    Tier = Tiers.Parse(h.Tier) ?? throw new InvalidDataException($"demo town {s.Name}: tier {h.Tier}"),
                    StandardId = h.Standard,
                    EffectiveOn = DateOnly.Parse(h.Date),
                    DocumentNumber = h.DocumentNumber,
                    Note = h.Note,
                }).ToList(),
                                // The seed gives no years; spreading them over the demo years lets the evaluation count 新增品牌/标准.
                Brands = s.Brands.Select((b, i) => new Brand { Name = b.Name, Kind = ParseEnum<BrandKind>(b.Kind), Level = ParseEnum<RecognitionLevel>(b.Level), Year = LatestYear - i % Years }).ToList(),
                IndustryStandards = s.Standards.Select((x, i) => new IndustryStandardRecord
                {
                    Name = x.Name, Kind = ParseEnum<StandardKind>(x.Kind), Role = ParseEnum<StandardRole>(x.Role), Year = LatestYear - i % Years,
                }).ToList(),
            };

            var leading = s.Enterprises.Count(e => e.Role == "leading");
            // The registry holds a town's main enterprises; the township reports the full count of supporting ones.
            var supporting = Math.Max(s.Enterprises.Count - leading, (int)Math.Round(s.Base.OutputValueWanYuan / 1500m));
            for (var year = LatestYear - Years + 1; year <= LatestYear; year++)
            {
                var f = Factor(s.GrowthPercent, year);
                town.Statistics.Add(new TownAnnualStatistics
                {
                    Year = year,
                    OutputValueWanYuan = Round(s.Base.OutputValueWanYuan * f),
                    RevenueWanYuan = Round(s.Base.RevenueWanYuan * f),
                    TaxWanYuan = Round(s.Base.TaxWanYuan * f),
                    Employment = (int)Math.Round(s.Base.Employment * (1 + (f - 1) / 2)),
                    ProvincialMarketSharePercent = s.Base.ProvincialMarketSharePercent,
                    CityMarketSharePercent = s.Base.CityMarketSharePercent,
                    ExportWanYuan = Round(s.Base.ExportWanYuan * f),
                    Patents = (int)Math.Round(s.Base.Patents * f),
                    PublicServicePlatforms = s.Base.PublicServicePlatforms,
                    LeadingEnterprises = leading,
                    SupportingEnterprises = year == LatestYear ? supporting : Math.Max(0, supporting - (LatestYear - year)),
                    IsDemo = true,
                });
                statisticRows++;
            }
            db.Towns.Add(town);
            await db.SaveChangesAsync(ct);

            foreach (var e in s.Enterprises)
            {
                var enterprise = new Enterprise
                {
                    Name = e.Name,
                    Uscc = Uscc.Demo(county.Code ?? "140000", StableSeed(e.Name)),
                    CountyId = county.Id,
                    TownshipId = e.Township is null ? null : jurisdictions.Township(county, e.Township).Id,
                    SpecializedTownId = town.Id,
                    Role = ParseEnum<EnterpriseRole>(e.Role),
                    IsAboveScale = e.AboveScale,
                    IsDemo = true,
                    Designations = e.Designations.Select(k => new EnterpriseDesignation { Key = k }).ToList(),
                };
                for (var year = LatestYear - Years + 1; year <= LatestYear; year++)
                {
                    var f = Factor(s.GrowthPercent, year);
                    enterprise.Statistics.Add(new EnterpriseAnnualStatistics
                    {
                        Year = year,
                        OutputValueWanYuan = Round(e.OutputValueWanYuan * f),
                        RevenueWanYuan = Round(e.OutputValueWanYuan * f * 0.93m),
                        TaxWanYuan = Round(e.OutputValueWanYuan * f * 0.035m),
                        Employment = (int)Math.Round(e.Employment * (1 + (f - 1) / 2)),
                        IsDemo = true,
                    });
                    statisticRows++;
                }
                db.Enterprises.Add(enterprise);
                enterpriseCount++;
            }
            await db.SaveChangesAsync(ct);
        }
        var today = ChinaTime.Today(time ?? TimeProvider.System);
        await Projects.ProjectDemo.LoadAsync(db, today, ct);
        await Problems.ProblemDemo.LoadAsync(db, time ?? TimeProvider.System, ct);
        await Tasks.TaskDemo.LoadAsync(db, ct);
        await Reports.ReportDemo.LoadAsync(db, today, ct);
        await Evaluation.EvaluationDemo.LoadAsync(db, time ?? TimeProvider.System, ct);
        await TiersAndTriggersDemo.LoadAsync(db, time ?? TimeProvider.System, ct);
        await Notices.NoticeDemo.LoadAsync(db, time ?? TimeProvider.System, ct);
        await Support.SupportDemo.LoadAsync(db, ct);
        await Support.BrandDemo.LoadAsync(db, ct);
        await Support.TrainingDemo.LoadAsync(db, today, ct);
        await Support.PlatformEventDemo.LoadAsync(db, ct);
        await Reserve.ReserveDemo.LoadAsync(db, ct);
        await tx.CommitAsync(ct);
        return new DemoLoadReport(false, jurisdictions.Count, seed.Towns.Count, enterpriseCount, statisticRows);
    }

    internal static DemoSeed ReadSeed()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("demo-seed.yaml")
            ?? throw new InvalidOperationException("demo-seed.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<DemoSeed>(reader);
    }

    // Figures of earlier years are the latest ones taken back by the town's growth rate.
    private static decimal Factor(decimal growthPercent, int year) =>
        (decimal)Math.Pow(1 + (double)growthPercent / 100, year - LatestYear);

    private static decimal Round(decimal value) => Math.Round(value, 2);

    private static int StableSeed(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    private static T ParseEnum<T>(string kebab) where T : struct, Enum =>
        Enum.Parse<T>(kebab.Replace("-", ""), ignoreCase: true);
}
