using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Imports;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// 乡镇（街道）: a deployment's townships under the reference tree's counties, one row each, keyed by county and name; an
/// existing township's division code is set from the row. The reference tree holds only the townships the five documents
/// name, and a province has about 1,200 (系统 → 行政区划 adds them one at a time).
/// </summary>
public sealed class TownshipImport : ImportKind
{
    public override string Key => "townships";
    public override string Title => "乡镇（街道）";
    public override string SheetName => "乡镇街道";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("county", "所在县（市、区）", ColumnType.Reference) { Required = true, Reference = ReferenceKind.County, MaxLength = 60, Description = "重名的县请写成“阳泉市城区”" },
        new("name", "乡镇（街道）名称", ColumnType.Text) { Required = true, MaxLength = PlaceRules.MaxName, Description = "全称，如“历山镇”“城关街道”" },
        new("code", "行政区划代码", ColumnType.Text) { MaxLength = 12, Description = "选填：9 位乡级代码或 12 位统计用区划代码，以所属县的代码开头" },
    ];

    public override IReadOnlyList<string> Notes =>
    [
        "按“所在县 + 乡镇名称”判断新增或更新：该县已有同名乡镇（街道）时只更新其代码，否则新增。",
        "名称导入后不能修改或删除（它是下级数据和账号数据范围的一部分），请核对后再导入。",
        "代码列整列不在表中或单元格留空时，已有乡镇的代码保持不变。",
        "领导小组办公室只能导入本地区各县的乡镇（街道）。",
    ];

    // The county offices know their townships; an office adds them only under the counties of its own area.
    public override bool CanImport(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;
    public override string Refusal => "只有领导小组办公室和系统管理员可以导入乡镇（街道）";

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var counties = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County)
            .Select(j => new { j.Id, j.Name, j.Path, j.ParentId, j.Code }).ToListAsync(ct);
        var countyRefs = counties.Select(c => new PlaceRef(c.Id, c.Name, c.Path, c.ParentId)).ToList();
        var countyCodes = counties.ToDictionary(c => c.Id, c => c.Code);
        var countyIndex = new NameIndex<PlaceRef>(countyRefs, c => c.Name, c => c.Path, "县（市、区）");
        var allowed = (await ImportLookups.CountiesAsync(db, run.Scope, ct)).Select(c => c.Id).ToHashSet();
        var townships = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Township).ToListAsync(ct);
        var byPath = townships.ToDictionary(t => t.Path, StringComparer.Ordinal);
        var codeHolders = await db.Jurisdictions.AsNoTracking().Where(j => j.Code != null).Select(j => new { j.Code, j.Path }).ToListAsync(ct);
        var codes = codeHolders.GroupBy(c => c.Code!).ToDictionary(g => g.Key, g => g.First().Path, StringComparer.Ordinal);

        var seenPlaces = new Dictionary<string, ImportRow>(StringComparer.Ordinal);
        var seenCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in run.Rows)
        {
            PlaceRef? county = null;
            if (run.Text(row, "county") is { } countyText)
            {
                var (found, problem) = countyIndex.Find(countyText);
                if (found is null) run.Error(row, "county", problem ?? $"没有名为“{countyText}”的县（市、区），请从下拉列表中选择");
                else if (!allowed.Contains(found.Id)) run.Error(row, "county", $"“{countyText}”不在您的数据范围内");
                else county = found;
            }
            var name = run.Text(row, "name")?.Trim();
            if (name is not null && PlaceRules.NameProblem(name, JurisdictionLevel.Township) is { } np) { run.Error(row, "name", np); name = null; }
            var code = run.Text(row, "code")?.Trim();
            if (county is not null && code is not null && PlaceRules.CodeProblem(code, JurisdictionLevel.Township, countyCodes[county.Id]) is { } cp) { run.Error(row, "code", cp); code = null; }
            if (county is null || name is null) continue;

            var path = $"{county.Path}/{name}";
            if (seenPlaces.TryGetValue(path, out var earlier)) { run.Error(row, "name", run.SameKey(row, earlier, $"乡镇（{county.Name}{name}）")); continue; }
            seenPlaces[path] = row;
            if (code is not null)
            {
                if (seenCodes.TryGetValue(code, out var first)) { run.Error(row, "code", $"与第 {first} 行的代码相同"); continue; }
                seenCodes[code] = row.Number;
                if (codes.TryGetValue(code, out var holder) && holder != path) { run.Error(row, "code", $"代码“{code}”已是{holder.Replace("/", "")}的代码"); continue; }
            }
            if (row.HasError) continue;

            var record = $"{county.Name}{name}";
            if (byPath.TryGetValue(path, out var existing))
            {
                if (code is null || code == existing.Code) { run.Change(row, RowAction.Unchanged, record); continue; }
                run.Change(row, RowAction.Update, record, [new FieldChange("行政区划代码", existing.Code ?? "（空）", code)]);
                existing.Code = code;
                continue;
            }
            run.Created.Add(new Jurisdiction { Name = name, Level = JurisdictionLevel.Township, ParentId = county.Id, Path = path, Code = code });
            run.Change(row, RowAction.Create, record);
        }
    }

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        // A county of the person's area and a name no township there has, so that the example row imports as new.
        var county = (await ImportLookups.CountiesAsync(db, scope, ct)).FirstOrDefault();
        var code = county is null ? null : await db.Jurisdictions.AsNoTracking().Where(j => j.Id == county.Id).Select(j => j.Code).SingleAsync(ct);
        var shared = county is not null && await db.Jurisdictions.CountAsync(j => j.Level == JurisdictionLevel.County && j.Name == county.Name, ct) > 1;
        return new Dictionary<string, string>
        {
            ["county"] = county is null ? "" : shared ? ImportLookups.Qualified(county.Path) : county.Name, ["name"] = "示例街道",
            ["code"] = code is { Length: 6 } ? code + "901" : "",
        };
    }
}
