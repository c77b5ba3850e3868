using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Jurisdictions;

namespace SpecializedTowns.Data.Accounts;

public sealed record UserListItem(int Id, string UserName, string DisplayName, string Role, string Place, string? Unit, string? Town,
    bool Locked, DateTime CreatedAtUtc, bool Disabled = false, bool MustChangePassword = false)
{
    public string State => Disabled ? "停用" : Locked ? "已锁定" : "正常";
}

/// <summary>The 状态 filter of the list: accounts in use, or those an administrator disabled.</summary>
public static class UserStates
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public static readonly IReadOnlyDictionary<string, string> Chinese = new Dictionary<string, string> { [Active] = "在用", [Disabled] = "停用" };
}

/// <summary>系统 → 用户 as a list: a province holds thousands of accounts, so it filters by role and place and pages.</summary>
public sealed class UserDirectory(TownsDbContext db, TimeProvider time)
{
    public async Task<Paged<UserListItem>> ListAsync(string? search, string? role, int? placeId, int page, int pageSize, CancellationToken ct = default) =>
        await ListAsync(search, role, placeId, null, page, pageSize, ct);

    public async Task<Paged<UserListItem>> ListAsync(string? search, string? role, int? placeId, string? state, int page, int pageSize, CancellationToken ct = default)
    {
        (page, pageSize) = Paged<UserListItem>.Normalize(page, pageSize);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(u => u.UserName!.Contains(s) || u.DisplayName.Contains(s));
        }
        if (role is not null && Roles.Chinese.ContainsKey(role))
            query = query.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == role)));
        if (placeId is { } pid && await db.Jurisdictions.AsNoTracking().Where(j => j.Id == pid).Select(j => j.Path).SingleOrDefaultAsync(ct) is { } path)
        {
            var under = path + "/";
            query = query.Where(u => u.Jurisdiction!.Path == path || u.Jurisdiction.Path.StartsWith(under));
        }
        if (state == UserStates.Active) query = query.Where(u => u.DisabledAtUtc == null);
        else if (state == UserStates.Disabled) query = query.Where(u => u.DisabledAtUtc != null);
        var total = await query.CountAsync(ct);
        var now = time.GetUtcNow();
        var rows = await query.OrderByPlace(u => u.Jurisdiction).ThenBy(u => u.UserName).ThenBy(u => u.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, UnitName = u.Unit!.Name, u.LockoutEnd, Place = u.Jurisdiction!.Name, u.CreatedAtUtc,
                u.DisabledAtUtc, u.MustChangePassword,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Town = db.Towns.Where(t => t.Id == u.SpecializedTownId).Select(t => t.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = rows.Select(u => new UserListItem(u.Id, u.UserName!, u.DisplayName, Roles.Chinese.GetValueOrDefault(u.Role ?? "", u.Role ?? "—"),
            u.Place, u.UnitName, u.Town, u.LockoutEnd is { } end && end > now, u.CreatedAtUtc, u.DisabledAtUtc is not null, u.MustChangePassword)).ToList();
        return new Paged<UserListItem>(items, total, page, pageSize);
    }

    /// <summary>The account list as an administrator downloads it; never a password or its hash.</summary>
    public static readonly ExportTable<UserListItem> Export = new("用户", [
        new("用户名", u => u.UserName, 18),
        new("姓名/单位", u => u.DisplayName, 20),
        new("角色", u => u.Role, 16),
        new("行政区划", u => u.Place, 16),
        new("所在单位", u => u.Unit, 22),
        new("负责的专业镇", u => u.Town, 24),
        new("状态", u => u.State, 8),
        new("创建时间", u => u.CreatedAtUtc, 18),
    ]);
}
