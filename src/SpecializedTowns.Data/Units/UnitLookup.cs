using Microsoft.EntityFrameworkCore;

namespace SpecializedTowns.Data.Units;

/// <summary>A registered unit as a lookup finds it: its place's path, and how deep that place lies (山西省 0, 运城市 1 …).</summary>
public sealed record RegisteredUnit(int Id, string Name, string Path)
{
    public int Depth => Path.Count(c => c == '/');
}

/// <summary>
/// The one way a name written in a file or a document (an import's 牵头单位 or 责任单位, a policy pack's unit, an account's
/// 单位) becomes a registered unit: the unit of that name at the place or the nearest place above it; else the unit that
/// had that name there before a rename or a merge (县工信局 merged into 县工业和信息化局: people and documents go on
/// writing it). Loaded once for the places a file touches, so a file of many rows costs one query per table.
/// </summary>
public sealed class UnitLookup
{
    private readonly Dictionary<string, List<RegisteredUnit>> _byName;
    private readonly Dictionary<string, List<(string Path, int UnitId)>> _formerByName;
    private readonly Dictionary<int, RegisteredUnit> _byId;

    private UnitLookup(List<RegisteredUnit> units, List<(string Name, string Path, int UnitId)> former)
    {
        _byName = units.GroupBy(u => u.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _formerByName = former.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => (f.Path, f.UnitId)).ToList(), StringComparer.Ordinal);
        _byId = units.ToDictionary(u => u.Id);
    }

    /// <summary>
    /// The units and former names of the places given and of the places above them; with <paramref name="names"/>, only
    /// those names (an account form asks for one).
    /// </summary>
    public static async Task<UnitLookup> LoadAsync(TownsDbContext db, IEnumerable<string> paths, CancellationToken ct = default, IReadOnlyCollection<string>? names = null)
    {
        var places = paths.SelectMany(UnitRegistry.Ancestors).Distinct().ToList();
        var formerQuery = db.UnitFormerNames.AsNoTracking()
            .Join(db.Jurisdictions, f => f.JurisdictionId, j => j.Id, (f, j) => new { f.Name, j.Path, f.UnitId })
            .Where(x => places.Contains(x.Path));
        if (names is not null) formerQuery = formerQuery.Where(x => names.Contains(x.Name));
        var former = await formerQuery.ToListAsync(ct);
        // A merged name's unit lies at its place or above (UnitMerging.MayMergeInto), so among the places loaded.
        var formerTargets = former.Select(f => f.UnitId).Distinct().ToList();
        var unitQuery = db.Units.AsNoTracking().Where(u => places.Contains(u.Jurisdiction!.Path));
        if (names is not null) unitQuery = unitQuery.Where(u => names.Contains(u.Name) || formerTargets.Contains(u.Id));
        var units = await unitQuery.Select(u => new { u.Id, u.Name, u.Jurisdiction!.Path }).ToListAsync(ct);
        return new UnitLookup(units.Select(u => new RegisteredUnit(u.Id, u.Name, u.Path)).ToList(), former.Select(f => (f.Name, f.Path, f.UnitId)).ToList());
    }

    /// <summary>The unit <paramref name="name"/> stands for in work at <paramref name="path"/>; null when none does.</summary>
    public RegisteredUnit? Find(string path, string name)
    {
        var n = name.Trim();
        if (_byName.TryGetValue(n, out var units)
            && units.Where(u => Covers(u.Path, path)).OrderByDescending(u => u.Path.Length).FirstOrDefault() is { } unit)
            return unit;
        if (_formerByName.TryGetValue(n, out var former)
            && former.Where(f => Covers(f.Path, path)).OrderByDescending(f => f.Path.Length).Select(f => (int?)f.UnitId).FirstOrDefault() is { } id)
            return _byId.GetValueOrDefault(id);
        return null;
    }

    /// <summary>
    /// A unit as a file writes it for work at <paramref name="path"/>, and what the reader should be told. A name written with
    /// a place above (“财政局（运城市）”, as the account form's list writes it) is that place's unit. A bare name is the
    /// nearest place's (decision 0018); where a place further up has a unit of the same name, the note says which was taken
    /// and how to write the other, since the file's author may have meant either.
    /// </summary>
    public (RegisteredUnit? Unit, string? Note) Read(string path, string written)
    {
        var n = written.Trim();
        foreach (var place in UnitRegistry.Ancestors(path))
        {
            var placeName = PlaceName(place);
            if (n.Length > placeName.Length + 2 && n.EndsWith($"（{placeName}）", StringComparison.Ordinal)
                && Find(place, n[..^(placeName.Length + 2)]) is { } picked)
                return (picked, null);
        }
        var unit = Find(path, n);
        if (unit is null || !_byName.TryGetValue(n, out var same)) return (unit, null);
        var above = same.Where(u => u.Id != unit.Id && Covers(u.Path, path) && u.Path.Length < unit.Path.Length)
            .OrderByDescending(u => u.Path.Length).Select(u => PlaceName(u.Path)).ToList();
        return above.Count == 0 ? (unit, null)
            : (unit, $"“{n}”按{PlaceName(unit.Path)}的单位读取；{string.Join("、", above)}也有名为“{n}”的单位，如指的是{above[0]}的，请写“{UnitRegistry.Qualified(n, above[0])}”");
    }

    private static string PlaceName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The name of a unit loaded, or null.</summary>
    public string? NameOf(int id) => _byId.GetValueOrDefault(id)?.Name;

    /// <summary>The units work at <paramref name="path"/> may name: its own and those of the places above it.</summary>
    public IReadOnlyList<RegisteredUnit> At(string path) => _byId.Values.Where(u => Covers(u.Path, path)).ToList();

    private static bool Covers(string place, string path) => path == place || path.StartsWith(place + "/", StringComparison.Ordinal);
}
