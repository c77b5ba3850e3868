using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Enterprises;

public sealed record EnterpriseInput
{
    public string Name { get; init; } = "";
    public string Uscc { get; init; } = "";
    public int? CountyId { get; init; }
    public int? TownshipId { get; init; }
    public int? SpecializedTownId { get; init; }
    public EnterpriseRole? Role { get; init; }
    public bool IsAboveScale { get; init; }
    public IReadOnlyList<string> Designations { get; init; } = [];

    /// <summary>所属产业 and its category; empty for an enterprise of a town means the town's (储备培育 groups by them).</summary>
    public string? Industry { get; init; }
    public string? IndustryCategory { get; init; }

    /// <summary>The version the form or API body was loaded at (<see cref="Core.IVersioned"/>); null saves without the check.</summary>
    public int? Version { get; init; }
}

/// <summary>
/// Field → Chinese message; empty when the input can be saved. The key "" holds what concerns no one field; a refusal that
/// is not about the input at all (not found, not the person's to do, not in this state) says so with <see cref="Kind"/>.
/// </summary>
public sealed class FieldErrors : Dictionary<string, string>
{
    public bool Ok => Count == 0;

    /// <summary><see cref="RefusalKind.Invalid"/> for input to correct; otherwise why nothing was even checked.</summary>
    public RefusalKind Kind { get; private set; } = RefusalKind.Invalid;

    /// <summary>The record does not exist or lies outside the person's scope.</summary>
    public FieldErrors NotFound(string message) => Refuse(RefusalKind.NotFound, message);

    /// <summary>The person's role or part does not allow the action.</summary>
    public FieldErrors Forbidden(string message) => Refuse(RefusalKind.Forbidden, message);

    /// <summary>The record's state does not allow the action now.</summary>
    public FieldErrors Conflict(string message) => Refuse(RefusalKind.Conflict, message);

    private FieldErrors Refuse(RefusalKind kind, string message)
    {
        this[""] = message;
        Kind = kind;
        return this;
    }
}

/// <summary>Creating and changing enterprises: validated at the boundary, saved all or nothing, within the person's scope.</summary>
public static class EnterpriseRegistry
{
    public static bool CanEdit(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.Township;

    public const string UsccElsewhere = "该统一社会信用代码已在其他地区登记";

    public static string UsccTakenBy(string owner) => $"该统一社会信用代码已登记为“{owner}”";

    /// <summary>The rules on a name, shared by the form and the import.</summary>
    public static string? NameProblem(string name) =>
        name.Length == 0 ? "请填写企业名称" : name.Length > 200 ? "企业名称不超过 200 字" : null;

    /// <summary>Whether the person may register an enterprise in the county: an office at or above it, township staff in it.</summary>
    public static bool MayRegisterIn(UserScope scope, string countyPath) =>
        scope.IsAdmin || scope.Covers(countyPath) || scope.Role == Roles.Township && scope.JurisdictionPath.StartsWith(countyPath + "/");

    /// <summary>
    /// Null when the code is valid and unused (by another enterprise than <paramref name="exceptId"/>). The owner is
    /// named only when it lies in the person's scope: a code must not reveal enterprises elsewhere.
    /// </summary>
    public static async Task<string?> UsccProblemAsync(TownsDbContext db, UserScope scope, string? uscc, int? exceptId, CancellationToken ct = default)
    {
        var code = uscc?.Trim().ToUpperInvariant();
        if (Uscc.Problem(code) is { } problem) return problem;
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == code && e.Id != exceptId, ct)) return null;
        var owner = await scope.Enterprises(db).Where(e => e.Uscc == code && e.Id != exceptId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return owner is null ? UsccElsewhere : UsccTakenBy(owner);
    }

    /// <summary>
    /// A 专业镇 is an industry cluster in its recorded townships (绛州非遗文创 = 龙兴镇 + 泽掌镇): an enterprise in another
    /// township of the county is not one of its enterprises, and would swell its lists and 一镇一档. Null when the township is
    /// one of them, or when the town has none recorded (nothing to hold it to).
    /// </summary>
    public static string? TownshipOutsideTown(int townshipId, string township, string town, IReadOnlyCollection<(int Id, string Name)> townTownships) =>
        townTownships.Count == 0 || townTownships.Any(t => t.Id == townshipId) ? null
            : $"乡镇“{township}”不属于{town}（{string.Join("、", townTownships.Select(t => t.Name))}）";

    /// <summary>Each town's recorded townships, for <see cref="TownshipOutsideTown"/>.</summary>
    public static async Task<Dictionary<int, List<(int Id, string Name)>>> TownshipsOfTownsAsync(TownsDbContext db, IQueryable<int> townIds, CancellationToken ct) =>
        (await db.TownTownships.AsNoTracking().Where(x => townIds.Contains(x.SpecializedTownId))
            .Select(x => new { x.SpecializedTownId, x.TownshipId, x.Township!.Name }).ToListAsync(ct))
        .GroupBy(x => x.SpecializedTownId)
        .ToDictionary(g => g.Key, g => g.OrderBy(x => x.TownshipId).Select(x => (x.TownshipId, x.Name)).ToList());

    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(TownsDbContext db, UserScope scope, int? id, EnterpriseInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!CanEdit(scope)) { errors.Forbidden("您的角色不能修改企业信息"); return (null, errors); }

        Enterprise? existing = null;
        if (id is { } editId)
        {
            existing = await scope.Enterprises(db).Include(e => e.Designations).SingleOrDefaultAsync(e => e.Id == editId, ct);
            if (existing is null) { errors.NotFound("企业不存在，或不在您的数据范围内"); return (null, errors); }
        }

        var name = input.Name.Trim();
        if (NameProblem(name) is { } nameProblem) errors[nameof(input.Name)] = nameProblem;
        if (await UsccProblemAsync(db, scope, input.Uscc, id, ct) is { } usccProblem) errors[nameof(input.Uscc)] = usccProblem;
        if (input.Role is null) errors[nameof(input.Role)] = "请选择企业类型";

        Jurisdiction? county = null;
        if (input.CountyId is null) errors[nameof(input.CountyId)] = "请选择所在县（市、区）";
        else
        {
            county = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == input.CountyId && j.Level == JurisdictionLevel.County, ct);
            if (county is null || !MayRegisterIn(scope, county.Path))
                errors[nameof(input.CountyId)] = "所选县不在您的数据范围内";
        }
        if (input.TownshipId is { } townshipId && county is not null
            && !await db.Jurisdictions.AnyAsync(j => j.Id == townshipId && j.ParentId == county.Id, ct))
            errors[nameof(input.TownshipId)] = "所选乡镇不属于所选县";
        if (input.SpecializedTownId is { } townId)
        {
            var town = await scope.Towns(db).Where(t => t.Id == townId).Select(t => new { t.CountyId, t.Name }).SingleOrDefaultAsync(ct);
            if (town is null) errors[nameof(input.SpecializedTownId)] = "所选专业镇不在您的数据范围内";
            else if (await global::SpecializedTowns.Data.Towns.DelistedTowns.RefusalAsync(db, townId, "企业", existing?.SpecializedTownId, ct) is { } offList) errors[nameof(input.SpecializedTownId)] = offList;
            else if (county is not null && town.CountyId != county.Id) errors[nameof(input.SpecializedTownId)] = "所选专业镇不在所选县";
            else if (input.TownshipId is { } chosen && !errors.ContainsKey(nameof(input.TownshipId)))
            {
                var theirs = await TownshipsOfTownsAsync(db, db.Towns.Where(t => t.Id == townId).Select(t => t.Id), ct);
                var township = await db.Jurisdictions.Where(j => j.Id == chosen).Select(j => j.Name).SingleAsync(ct);
                if (TownshipOutsideTown(chosen, township, town.Name, theirs.GetValueOrDefault(townId) ?? []) is { } outside)
                    errors[nameof(input.TownshipId)] = outside;
            }
        }
        else if (scope.Role == Roles.Township) errors[nameof(input.SpecializedTownId)] = "请选择本人负责的专业镇";
        var unknown = input.Designations.FirstOrDefault(d => !Core.Enterprises.Designations.Keys.Contains(d));
        if (unknown is not null) errors[nameof(input.Designations)] = $"未知的认定称号“{unknown}”";
        var industry = string.IsNullOrWhiteSpace(input.Industry) ? null : input.Industry.Trim();
        if (industry?.Length > Enterprise.MaxIndustry) errors[nameof(input.Industry)] = $"所属产业不超过 {Enterprise.MaxIndustry} 字";
        var category = string.IsNullOrWhiteSpace(input.IndustryCategory) ? null : input.IndustryCategory.Trim();
        if (category is not null && !Core.Recognition.IndustryCategories.IsKnown(category)) errors[nameof(input.IndustryCategory)] = $"未知的产业领域“{category}”";
        if (!errors.Ok) return (null, errors);

        if (existing is not null) await EditConflicts.GuardAsync(db, existing, input.Version, ct);
        var enterprise = existing ?? new Enterprise { Name = name, Uscc = "" };
        enterprise.Name = name;
        enterprise.Uscc = input.Uscc.Trim().ToUpperInvariant();
        enterprise.CountyId = county!.Id;
        enterprise.TownshipId = input.TownshipId;
        enterprise.SpecializedTownId = input.SpecializedTownId;
        enterprise.Role = input.Role!.Value;
        enterprise.IsAboveScale = input.IsAboveScale;
        enterprise.Industry = industry;
        enterprise.IndustryCategory = category;
        enterprise.Designations.RemoveAll(d => !input.Designations.Contains(d.Key));
        foreach (var key in input.Designations.Where(k => enterprise.Designations.All(d => d.Key != k)).Distinct())
            enterprise.Designations.Add(new EnterpriseDesignation { Key = key });
        if (existing is null) db.Enterprises.Add(enterprise);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException) { throw await EditConflicts.ConflictAsync(db, enterprise, ct); }
        catch (DbUpdateException)
        {
            // Another person registered the same code between the check and the save.
            errors[nameof(input.Uscc)] = "该统一社会信用代码刚被他人登记，请核对";
            return (null, errors);
        }
        return (enterprise.Id, errors);
    }
}
