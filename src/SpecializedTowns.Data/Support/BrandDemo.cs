using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Data.Support;

/// <summary>
/// Demo honours on the seed's brands (so the “山西精品” quota has something to count) and the two 地理标志 applications
/// 朔政办发〔2023〕19号 三（七） names, with a plausible history. Invented for the demo and marked as such.
/// </summary>
internal static class BrandDemo
{
    private static readonly (string Town, string Brand, BrandHonour Honour)[] Honours =
    [
        ("怀仁陶瓷专业镇", "金沙滩骨质瓷", BrandHonour.ShanxiJingpin),
        ("山阴乳品专业镇", "桑干河", BrandHonour.ShanxiJingpin),
        ("永济机电制造专业镇", "蒲坂", BrandHonour.ShanxiTimeHonoured),
    ];

    private sealed record Step(GeoIndicationStatus To, string On, string? Note);

    private sealed record Application(string Town, string Name, string Product, GeoIndicationKind Kind, string Applicant, string? Note, Step[] Steps);

    private static readonly Application[] Applications =
    [
        new("怀仁陶瓷专业镇", "朔州陶瓷", "日用陶瓷、骨质瓷", GeoIndicationKind.CertificationMark, "怀仁市陶瓷行业协会", "已补正产地范围和质量技术要求",
            [new(GeoIndicationStatus.Preparing, "2023-09-01", null), new(GeoIndicationStatus.Submitted, "2024-06-18", null), new(GeoIndicationStatus.Accepted, "2025-03-10", "商标局受理")]),
        new("怀仁羔羊肉专业镇", "怀仁羔羊肉", "羔羊肉及其制品", GeoIndicationKind.CertificationMark, "怀仁市羔羊肉产业协会", null,
            [new(GeoIndicationStatus.Preparing, "2023-10-12", null), new(GeoIndicationStatus.Submitted, "2025-05-20", null)]),
        new("平鲁小杂粮专业镇", "平鲁小杂粮", "燕麦、荞麦等小杂粮", GeoIndicationKind.ProtectedProduct, "朔州市平鲁区农业农村局", "正在整理产地历史资料",
            [new(GeoIndicationStatus.Preparing, "2025-04-01", null)]),
    ];

    public static async Task LoadAsync(TownsDbContext db, CancellationToken ct = default)
    {
        if (await db.GeoIndications.AnyAsync(g => g.IsDemo, ct)) return;
        foreach (var (town, name, honour) in Honours)
        {
            var brand = await db.Brands.Where(b => b.Name == name && db.Towns.Any(t => t.Id == b.SpecializedTownId && t.Name == town)).SingleOrDefaultAsync(ct);
            if (brand is not null) brand.Honour = honour;
        }
        var created = new DateTime(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc);
        foreach (var a in Applications)
        {
            var town = await db.Towns.AsNoTracking().Where(t => t.Name == a.Town).Select(t => new { t.Id, t.CountyId }).SingleOrDefaultAsync(ct);
            if (town is null) continue;
            var last = a.Steps[^1];
            var app = new GeoIndicationApplication
            {
                CountyId = town.CountyId, SpecializedTownId = town.Id, Name = a.Name, Product = a.Product, Kind = a.Kind, Applicant = a.Applicant,
                Status = last.To, StatusSince = DateOnly.Parse(last.On), Note = a.Note, CreatedBy = "演示数据", CreatedAtUtc = created, IsDemo = true,
                SubmittedOn = a.Steps.Where(s => s.To == GeoIndicationStatus.Submitted).Select(s => (DateOnly?)DateOnly.Parse(s.On)).FirstOrDefault(),
            };
            GeoIndicationStatus? from = null;
            foreach (var step in a.Steps)
            {
                app.History.Add(new GeoIndicationStatusChange { From = from, To = step.To, On = DateOnly.Parse(step.On), Note = step.Note ?? (from is null ? "登记地理标志申请" : null), By = "演示数据" });
                from = step.To;
            }
            db.GeoIndications.Add(app);
        }
        await db.SaveChangesAsync(ct);
    }
}
