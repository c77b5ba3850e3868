using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Commendations;

public sealed record MarketRankInput
{
    public int? TownId { get; init; }
    public int? EnterpriseId { get; init; }
    public string? Product { get; init; }
    public int? Year { get; init; }
    public int? Rank { get; init; }
    public string? RankingSource { get; init; }
    public string? Note { get; init; }
}

public sealed record MarketRankFilter
{
    public int? Year { get; init; }
    public int? TownId { get; init; }
    public string? Product { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record MarketRankRow(
    int Id, int TownId, string Town, string County, int? EnterpriseId, string? Enterprise, string Product, int Year, int Rank,
    string RankingSource, string? Note, string RecordedBy, DateTime RecordedAtUtc, bool IsDemo);

/// <summary>
/// 全国市场占有率排名: the office records a leading product's national rank for a year, as a published ranking says; the
/// commendation of 朔政办发〔2023〕19号 四（九） reads these records. One rank per town, enterprise, product and year.
/// </summary>
public sealed class MarketRankService(TownsDbContext db, TimeProvider time)
{
    public static bool CanRecord(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    public async Task<Paged<MarketRankRow>> ListAsync(UserScope scope, MarketRankFilter filter, CancellationToken ct = default)
    {
        var (page, size) = Paged<MarketRankRow>.Normalize(filter.Page, filter.PageSize);
        var towns = scope.Towns(db).Select(t => t.Id);
        var query = db.MarketRanks.AsNoTracking().Where(r => towns.Contains(r.SpecializedTownId));
        if (filter.Year is { } year) query = query.Where(r => r.Year == year);
        if (filter.TownId is { } town) query = query.Where(r => r.SpecializedTownId == town);
        if (!string.IsNullOrWhiteSpace(filter.Product)) query = query.Where(r => r.Product.Contains(filter.Product.Trim()));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.Year).ThenBy(r => r.SpecializedTownId).ThenBy(r => r.Product).ThenBy(r => r.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new MarketRankRow(r.Id, r.SpecializedTownId, r.Town!.Name, r.Town.County!.Name, r.EnterpriseId,
                r.Enterprise == null ? null : r.Enterprise.Name, r.Product, r.Year, r.Rank, r.RankingSource, r.Note, r.RecordedBy, r.RecordedAtUtc, r.IsDemo))
            .ToListAsync(ct);
        return new Paged<MarketRankRow>(items, total, page, size);
    }

    /// <summary>Saves the record, or returns every refused field with its Chinese message (the key "" when the person may not record at all).</summary>
    public async Task<(int? Id, FieldErrors Errors)> RecordAsync(UserScope scope, string recordedBy, MarketRankInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!CanRecord(scope))
        {
            errors.Forbidden("只有领导小组办公室可以登记全国市场占有率排名");
            return (null, errors);
        }
        var today = ChinaTime.Today(time);
        var product = input.Product?.Trim() ?? "";
        var source = input.RankingSource?.Trim() ?? "";
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();

        if (input.TownId is null) errors["TownId"] = "请选择专业镇";
        else if (!await scope.Towns(db).AnyAsync(t => t.Id == input.TownId, ct)) errors["TownId"] = "未找到该专业镇，或不在您的数据范围内";
        if (input.EnterpriseId is { } enterprise && !errors.ContainsKey("TownId")
            && !await db.Enterprises.AnyAsync(e => e.Id == enterprise && e.SpecializedTownId == input.TownId, ct))
            errors["EnterpriseId"] = "所选企业不属于该专业镇";
        if (product.Length == 0) errors["Product"] = "请填写主导产品名称";
        else if (product.Length > MarketRankLimits.Product) errors["Product"] = $"主导产品名称不超过 {MarketRankLimits.Product} 个字";
        if (input.Year is not { } year) errors["Year"] = "请填写排名年度";
        else if (year < MarketRankLimits.MinYear || year > today.Year) errors["Year"] = $"排名年度应在 {MarketRankLimits.MinYear} 年到 {today.Year} 年之间";
        if (input.Rank is not { } rank) errors["Rank"] = "请填写全国排名名次";
        else if (rank < 1 || rank > MarketRankLimits.MaxRank) errors["Rank"] = $"全国排名名次应为 1 到 {MarketRankLimits.MaxRank} 之间的整数";
        if (source.Length == 0) errors["RankingSource"] = "请写明排名来源（发布机构及排名名称）";
        else if (source.Length > MarketRankLimits.Source) errors["RankingSource"] = $"排名来源不超过 {MarketRankLimits.Source} 个字";
        if (note?.Length > MarketRankLimits.Note) errors["Note"] = $"备注不超过 {MarketRankLimits.Note} 个字";
        if (!errors.Ok) return (null, errors);

        var existing = await db.MarketRanks.AsNoTracking()
            .Where(r => r.SpecializedTownId == input.TownId && r.EnterpriseId == input.EnterpriseId && r.Year == input.Year && r.Product == product)
            .Select(r => new { r.Rank, r.RankingSource }).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            errors["Year"] = $"“{product}”{input.Year}年的全国排名已登记（第 {existing.Rank} 名，{existing.RankingSource}），如需更正请先删除原记录";
            return (null, errors);
        }

        var record = new ProductMarketRank
        {
            SpecializedTownId = input.TownId!.Value,
            EnterpriseId = input.EnterpriseId,
            Product = product,
            Year = input.Year!.Value,
            Rank = input.Rank!.Value,
            RankingSource = source,
            Note = note,
            RecordedBy = recordedBy.Length > MarketRankLimits.RecordedBy ? recordedBy[..MarketRankLimits.RecordedBy] : recordedBy,
            RecordedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        db.MarketRanks.Add(record);
        await db.SaveChangesAsync(ct);
        return (record.Id, errors);
    }

    /// <summary>False when there is no such record in the person's scope (404); errors when they may not delete it.</summary>
    public async Task<(bool Found, FieldErrors Errors)> DeleteAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var towns = scope.Towns(db).Select(t => t.Id);
        var record = await db.MarketRanks.FirstOrDefaultAsync(r => r.Id == id && towns.Contains(r.SpecializedTownId), ct);
        if (record is null) return (false, errors);
        if (!CanRecord(scope))
        {
            errors.Forbidden("只有领导小组办公室可以删除全国市场占有率排名");
            return (true, errors);
        }
        db.MarketRanks.Remove(record);
        await db.SaveChangesAsync(ct);
        return (true, errors);
    }
}
