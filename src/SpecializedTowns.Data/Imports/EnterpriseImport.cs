using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Imports;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Data.Imports;

/// <summary>企业名录: one row per enterprise, keyed by its 统一社会信用代码; a code already registered in scope is an update.</summary>
public sealed class EnterpriseImport : ImportKind
{
    private static readonly IReadOnlyDictionary<string, EnterpriseRole> RoleNames =
        Enum.GetValues<EnterpriseRole>().ToDictionary(Enterprise.RoleName);

    private static readonly IReadOnlyDictionary<string, string> DesignationKeysByName =
        Designations.Keys.ToDictionary(Designations.Name);

    // The column offers exactly these names (the cell check has matched the cell to one of them).
    private static readonly IReadOnlyDictionary<string, string> CategoryKeysByName =
        IndustryCategories.Names.ToDictionary(p => p.Value, p => p.Key);

    public override string Key => "enterprises";
    public override string Title => "企业名录";

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("uscc", "统一社会信用代码", ColumnType.Uscc) { Required = true, MaxLength = 18, Description = "企业的唯一标识：平台已有此代码的企业时按本行更新，没有时新增" },
        new("name", "企业名称", ColumnType.Text) { Required = true, MaxLength = 200, Description = "营业执照上的全称" },
        new("county", "所在县（市、区）", ColumnType.Reference) { Required = true, Reference = ReferenceKind.County, MaxLength = 60, Description = "须在您的数据范围内；重名的县请写成“阳泉市城区”" },
        new("township", "乡镇（街道）", ColumnType.Reference) { Reference = ReferenceKind.Township, MaxLength = 60, Description = "须属于所填的县；填了所属专业镇的，须是该专业镇的乡镇" },
        new("town", "所属专业镇", ColumnType.Reference) { Reference = ReferenceKind.Town, MaxLength = 100, Description = "不属于专业镇的企业留空；须在所填的县" },
        ImportColumn.Choice("role", "企业类型", CodeLists.EnterpriseRole) with { Required = true, Description = "龙头、配套企业或家庭农场、专业合作社" },
        new("aboveScale", "规模以上企业", ColumnType.YesNo) { Description = "规上企业填“是”，留空视为“否”" },
        ImportColumn.Choice("designations", "认定称号", CodeLists.Designation, several: true) with { MaxLength = 400, Description = "专精特新、小巨人、技术中心等，可填多项" },
        new("industry", "所属产业", ColumnType.Text) { MaxLength = Enterprise.MaxIndustry, Description = "企业自身的产业，如“芦笋”“五金铸造”，用于储备培育的产业集聚分析" },
        ImportColumn.Choice("industryCategory", "产业领域", CodeLists.IndustryCategory) with { Description = "制造业、特优农业、特色轻工或文旅康养" },
    ];

    public override IReadOnlyList<string> Notes =>
    [
        "按“统一社会信用代码”判断新增或更新：平台已有该代码的企业时更新其信息，否则新增。",
        "同一文件中同一代码只能出现一次（与前面某行每一格都相同的行只导入一次）；代码已在您数据范围以外的地区登记的，不能导入。",
        "某一选填列整列不在表中时，已有企业的该项保持不变；列在表中而单元格留空时，该项清空。",
    ];

    public override bool CanImport(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;
    public override string Refusal => "只有领导小组办公室可以导入企业名录";

    internal override async Task ApplyAsync(ImportRun run, CancellationToken ct)
    {
        var db = run.Db;
        var scope = run.Scope;
        var counties = (await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County)
            .Select(j => new { j.Id, j.Name, j.Path, j.ParentId }).ToListAsync(ct)).Select(j => new PlaceRef(j.Id, j.Name, j.Path, j.ParentId)).ToList();
        var countyNames = counties.ToDictionary(c => c.Id, c => c.Name);
        var allowed = counties.Where(c => EnterpriseRegistry.MayRegisterIn(scope, c.Path)).Select(c => c.Id).ToHashSet();
        var townships = await ImportLookups.TownshipsAsync(db, allowed, ct);
        var townshipNames = townships.ToDictionary(t => t.Id, t => t.Name);
        var towns = await ImportLookups.TownsAsync(db, scope, ct);
        var townNames = towns.ToDictionary(t => t.Id, t => t.Name);
        var townTownships = await EnterpriseRegistry.TownshipsOfTownsAsync(db, scope.Towns(db).Select(t => t.Id), ct);

        var countyIndex = new NameIndex<PlaceRef>(counties, c => c.Name, c => c.Path, "县（市、区）");
        var townshipIndex = townships.GroupBy(t => t.ParentId).ToDictionary(g => g.Key ?? 0, g => new NameIndex<PlaceRef>(g, x => x.Name, x => x.Path, "乡镇"));
        var townIndex = new NameIndex<TownRef>(towns, x => x.Name, x => x.CountyPath + "/" + x.Name, "专业镇");

        var byCode = run.FirstOfEach(r => run.Text(r, "uscc"), "uscc", "统一社会信用代码");
        var codes = byCode.Keys.ToList();
        var fileCodes = ImportLookups.Codes(db, codes);
        // The database looks the file's codes up while this core checks every row's name and places, which need no record:
        // on PostgreSQL the 100,000 index probes of a file of new codes took 0.3–0.5 s, the checks about as long.
        var finding = db.Enterprises.Include(e => e.Designations).Where(e => fileCodes.Contains(e.Uscc)).ToDictionaryAsync(e => e.Uscc, ct);
        Places[] places;
        try
        {
            places = CheckPlaces(run, countyIndex, allowed, townshipIndex, townIndex, townTownships);
        }
        catch
        {
            // Not left running on the context, nor unobserved, when a check throws.
            try { await finding; } catch (Exception) { }
            throw;
        }
        var existing = await finding;
        // Whether the user may see a stored enterprise matters only for the codes already stored (none, in a file of new ones).
        var stored = existing.Keys.ToList();
        var storedCodes = ImportLookups.Codes(db, stored);
        var visible = stored.Count == 0 ? [] : (await scope.Enterprises(db).Where(e => storedCodes.Contains(e.Uscc)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var moves = new Dictionary<int, (int Added, ImportRow First)>();
        Apply(run, places, existing, visible, countyNames, townshipNames, townNames, moves);
        await WarnGrowthAsync(run, moves, townNames, ct);
    }

    /// <summary>A town whose enterprises the file more than doubles is named, with its count before and after (<see cref="ImportChecks.TownGrowth"/>).</summary>
    private static async Task WarnGrowthAsync(ImportRun run, Dictionary<int, (int Added, ImportRow First)> moves, Dictionary<int, string> townNames, CancellationToken ct)
    {
        var grown = moves.Where(m => m.Value.Added >= 100).Select(m => m.Key).ToList();
        if (grown.Count == 0) return;
        var stored = await run.Db.Enterprises.AsNoTracking().Where(e => e.SpecializedTownId != null && grown.Contains(e.SpecializedTownId.Value))
            .GroupBy(e => e.SpecializedTownId!.Value).Select(g => new { Town = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Town, x => x.Count, ct);
        foreach (var town in grown)
        {
            var before = stored.GetValueOrDefault(town);
            var (added, first) = moves[town];
            if (ImportChecks.TownGrowth(townNames.GetValueOrDefault(town, ""), before, before + added) is { } warning) run.Warn(first, "town", warning);
        }
    }

    /// <summary>What a row names, once its places are found: a bad or blank cell, or a place not found, leaves null.</summary>
    private readonly record struct Places(PlaceRef? County, int? TownshipId, int? TownId);

    // The per-row passes are compiled optimized from their first call: run once per import over 100,000 rows, they stayed
    // in the runtime's quick first-tier code and took twice as long (0.6 s against 0.3 s for the second pass).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Places[] CheckPlaces(ImportRun run, NameIndex<PlaceRef> countyIndex, HashSet<int> allowed,
        Dictionary<int, NameIndex<PlaceRef>> townshipIndex, NameIndex<TownRef> townIndex, Dictionary<int, List<(int Id, string Name)>> townTownships)
    {
        var places = new Places[run.Rows.Count];
        for (var i = 0; i < run.Rows.Count; i++)
        {
            // A bad or blank cell reads as null: each check below runs where its own cells parsed.
            var row = run.Rows[i];
            if (run.Text(row, "name") is { } name && EnterpriseRegistry.NameProblem(name) is { } np) run.Error(row, "name", np);

            PlaceRef? county = null;
            if (run.Text(row, "county") is { } countyText)
            {
                var (found, ambiguous) = countyIndex.Find(countyText);
                if (ambiguous is not null) run.Error(row, "county", ambiguous);
                else if (found is null) run.Error(row, "county", $"没有名为“{countyText}”的县（市、区），请从下拉列表中选择");
                else if (!allowed.Contains(found.Id)) run.Error(row, "county", $"“{countyText}”不在您的数据范围内");
                else county = found;
            }

            int? townshipId = null;
            string? townshipName = null;
            if (county is not null && run.Text(row, "township") is { } townshipText)
            {
                var (t, p) = townshipIndex.TryGetValue(county.Id, out var index) ? index.Find(townshipText) : (null, null);
                if (t is null) run.Error(row, "township", p ?? $"乡镇“{townshipText}”不属于{county.Name}");
                else (townshipId, townshipName) = (t.Id, t.Name);
            }

            int? townId = null;
            if (run.Text(row, "town") is { } townText)
            {
                var (t, p) = townIndex.Find(townText);
                if (t is null) run.Error(row, "town", p ?? $"专业镇“{townText}”不存在，或不在您的数据范围内");
                else if (t.OffList is { } off) run.Error(row, "town", off.Refusal("企业"));
                else if (county is not null && t.CountyId != county.Id) run.Error(row, "town", $"专业镇“{townText}”在{t.CountyName}，不在{county.Name}");
                else townId = t.Id;
                if (townId is { } tid && townshipId is { } sid && townTownships.TryGetValue(tid, out var theirs)
                    && EnterpriseRegistry.TownshipOutsideTown(sid, townshipName!, t!.Name, theirs) is { } outside)
                    run.Error(row, "township", outside);
            }
            places[i] = new Places(county, townshipId, townId);
        }
        return places;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Apply(ImportRun run, Places[] places, Dictionary<string, Enterprise> existing, HashSet<int> visible,
        Dictionary<int, string> countyNames, Dictionary<int, string> townshipNames, Dictionary<int, string> townNames, Dictionary<int, (int Added, ImportRow First)> moves)
    {
        void Move(ImportRow row, int? from, int? to)
        {
            if (from == to) return;
            if (from is { } f) moves[f] = moves.TryGetValue(f, out var left) ? (left.Added - 1, left.First) : (-1, row);
            if (to is { } t) moves[t] = moves.TryGetValue(t, out var joined) ? (joined.Added + 1, joined.First) : (1, row);
        }

        for (var i = 0; i < run.Rows.Count; i++)
        {
            var row = run.Rows[i];
            var code = run.Text(row, "uscc");
            var name = run.Text(row, "name");
            var (county, townshipId, townId) = places[i];

            Enterprise? enterprise = null;
            if (code is not null && existing.TryGetValue(code, out enterprise) && !visible.Contains(enterprise.Id)) run.Error(row, "uscc", EnterpriseRegistry.UsccElsewhere);
            if (row.HasError || county is null || code is null || name is null) continue;

            var role = RoleNames[run.Text(row, "role")!];
            var designations = run.Get<IReadOnlyList<string>>(row, "designations")?.Select(n => DesignationKeysByName[n]).ToList() ?? [];
            var aboveScale = run.Get<bool?>(row, "aboveScale") ?? false;
            var industry = run.Text(row, "industry");
            var category = run.Text(row, "industryCategory") is { } categoryName ? CategoryKeysByName[categoryName] : null;
            if (enterprise is null)
            {
                enterprise = new Enterprise
                {
                    Name = name, Uscc = code, CountyId = county.Id, TownshipId = townshipId, SpecializedTownId = townId, Role = role, IsAboveScale = aboveScale,
                    Industry = industry, IndustryCategory = category,
                    Designations = designations.Select(k => new EnterpriseDesignation { Key = k }).ToList(),
                };
                run.Created.Add(enterprise);
                Move(row, null, townId);
                run.Change(row, RowAction.Create, $"{name}（{code}）");
                continue;
            }

            var changes = new List<FieldChange>();
            void Set<T>(string column, T old, T value, Action<T> assign, Func<T, string> show)
            {
                if (EqualityComparer<T>.Default.Equals(old, value)) return;
                changes.Add(new FieldChange(Column(column).FullHeader, show(old), show(value)));
                assign(value);
            }
            string Named(IReadOnlyDictionary<int, string> names, int? id) => id is { } v ? names.GetValueOrDefault(v, "（其他）") : "（空）";
            Set("name", enterprise.Name, name, v => enterprise.Name = v, v => v);
            Set("county", enterprise.CountyId, county.Id, v => enterprise.CountyId = v, v => countyNames.GetValueOrDefault(v, ""));
            if (run.Has("township")) Set("township", enterprise.TownshipId, townshipId, v => enterprise.TownshipId = v, v => Named(townshipNames, v));
            if (run.Has("town"))
            {
                Move(row, enterprise.SpecializedTownId, townId);
                Set("town", enterprise.SpecializedTownId, townId, v => enterprise.SpecializedTownId = v, v => Named(townNames, v));
            }
            Set("role", enterprise.Role, role, v => enterprise.Role = v, Enterprise.RoleName);
            if (run.Has("aboveScale")) Set("aboveScale", enterprise.IsAboveScale, aboveScale, v => enterprise.IsAboveScale = v, v => v ? "是" : "否");
            if (run.Has("industry")) Set("industry", enterprise.Industry, industry, v => enterprise.Industry = v, v => v ?? "（空）");
            if (run.Has("industryCategory"))
                Set("industryCategory", enterprise.IndustryCategory, category, v => enterprise.IndustryCategory = v, v => v is null ? "（空）" : IndustryCategories.NameOf(v));
            if (run.Has("designations"))
            {
                var old = enterprise.Designations.Select(d => d.Key).Order().ToList();
                if (!old.SequenceEqual(designations.Order()))
                {
                    changes.Add(new FieldChange(Column("designations").FullHeader, Show(old), Show(designations)));
                    enterprise.Designations.RemoveAll(d => !designations.Contains(d.Key));
                    foreach (var k in designations.Where(k => enterprise.Designations.All(d => d.Key != k)))
                        enterprise.Designations.Add(new EnterpriseDesignation { Key = k });
                }
            }
            run.Change(row, changes.Count == 0 ? RowAction.Unchanged : RowAction.Update, $"{name}（{code}）", changes);
        }
    }

    private static string Show(IEnumerable<string> keys) =>
        string.Join("、", keys.Select(Designations.Name)) is { Length: > 0 } s ? s : "（空）";

    internal override async Task<IReadOnlyDictionary<string, string>> ExampleAsync(TownsDbContext db, UserScope scope, DateOnly today, CancellationToken ct)
    {
        var town = (await ImportLookups.TownsAsync(db, scope, ct)).FirstOrDefault(t => t.OffList is null);
        var county = town is not null ? new PlaceRef(town.CountyId, town.CountyName, town.CountyPath, null) : (await ImportLookups.CountiesAsync(db, scope, ct)).FirstOrDefault();
        // The example's township is one of its town's: another would be refused (EnterpriseRegistry.TownshipOutsideTown).
        var townships = county is null ? [] : await ImportLookups.TownshipsAsync(db, [county.Id], ct);
        var ofTown = town is null ? [] : (await EnterpriseRegistry.TownshipsOfTownsAsync(db, db.Towns.Where(t => t.Id == town.Id).Select(t => t.Id), ct))
            .GetValueOrDefault(town.Id) ?? [];
        var township = townships.FirstOrDefault(t => ofTown.Count == 0 || ofTown.Any(o => o.Id == t.Id));
        var code = await ExampleCodeAsync(db, county, ct);
        return new Dictionary<string, string>
        {
            ["uscc"] = code, ["name"] = "示例蜂产品有限公司", ["county"] = county?.Name ?? "", ["township"] = township?.Name ?? "",
            ["town"] = town?.Name ?? "", ["role"] = Enterprise.RoleName(EnterpriseRole.Supporting), ["aboveScale"] = "否",
            ["industry"] = "蜂蜜", ["industryCategory"] = IndustryCategories.NameOf(IndustryCategories.SpecialtyAgriculture),
            ["designations"] = Designations.Name("specialized-sophisticated"),
        };
    }

    /// <summary>A valid code not registered to anyone, so that the example row imports as new.</summary>
    internal static async Task<string> ExampleCodeAsync(TownsDbContext db, PlaceRef? county, CancellationToken ct)
    {
        var code = await db.Jurisdictions.Where(j => county != null && j.Id == county.Id).Select(j => j.Code).FirstOrDefaultAsync(ct) ?? "140000";
        for (var seed = 20240305; ; seed++)
        {
            var candidate = Uscc.Demo(code, seed);
            if (!await db.Enterprises.AnyAsync(e => e.Uscc == candidate, ct)) return candidate;
        }
    }
}
