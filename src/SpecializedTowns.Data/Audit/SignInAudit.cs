using System.Globalization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using SpecializedTowns.Core.Audit;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Audit;

/// <summary>
/// What Identity writes to an account while someone signs in, read as what happened. It keeps the failed attempts on the
/// account row (AccessFailedCount) and locks the account after the fifth (LockoutEnd, the count back to 0); recorded as they
/// are, that read “未登录用户 修改 用户 登录失败次数”. Instead a failed attempt is 登录失败 and a lockout 账号锁定, with the
/// account as who and what (its name is what was typed; the address says where from), and a successful sign-in setting the
/// count back to 0 is not recorded at all. The administrator's 解除锁定 and 重置密码 stay edits by the administrator.
/// </summary>
public static class SignInAudit
{
    private const string Count = nameof(AppUser.AccessFailedCount);
    private const string LockoutEnd = nameof(AppUser.LockoutEnd);

    /// <summary>
    /// The entry an update of a record makes: <see cref="AuditAction.Updated"/> unless it is only an account's sign-in
    /// bookkeeping; null for a sign-in's own reset of the count, which is not recorded.
    /// </summary>
    internal static AuditAction? Read(EntityEntry entry, IReadOnlyList<(IProperty Property, object? Old)> changes, AuditActor actor)
    {
        if (entry.Entity is not AppUser account || changes.Any(c => c.Property.Name is not (Count or LockoutEnd))) return AuditAction.Updated;
        var lockout = changes.Any(c => c.Property.Name == LockoutEnd);
        // Only Identity's lockout sets an end; the administrator only ever clears it.
        if (lockout && account.LockoutEnd is not null) return AuditAction.LockedOut;
        if (changes.FirstOrDefault(c => c.Property.Name == Count) is { Property: not null, Old: int before } && account.AccessFailedCount > before)
            return AuditAction.SignInFailed;
        // The count set back to 0 alone: by the sign-in that succeeded (nobody signed in yet, or the account itself) it is nothing
        // to read; by another person it is their edit.
        return !lockout && (actor.UserId is null || actor.UserId == account.Id) ? null : AuditAction.Updated;
    }

    public static bool IsSignIn(AuditAction action) => action is AuditAction.SignInFailed or AuditAction.LockedOut or AuditAction.DisabledSignIn;

    /// <summary>
    /// A disabled (停用) account tried with its right password: its own entry, not 登录失败, since nothing was mistyped and it
    /// counts nothing towards the lockout; the office still learns that someone holds the password of an account it stopped.
    /// Written under the account, from the address of the attempt, and placed where the account is, as 登录失败 is.
    /// </summary>
    public static async Task RecordDisabledAttemptAsync(TownsDbContext db, AppUser account, CancellationToken ct = default)
    {
        var id = account.Id.ToString(CultureInfo.InvariantCulture);
        var name = account.UserName ?? id;
        var entry = new AuditEntry
        {
            AtUtc = db.UtcNow, UserId = account.Id, UserName = Cut(name, 100), DisplayName = Cut(account.DisplayName.Length > 0 ? account.DisplayName : name, 100),
            Address = db.Actor.Address is { } address ? Cut(address, 64) : null, Action = AuditAction.DisabledSignIn,
            EntityType = nameof(AppUser), EntityId = id, EntityLabel = Cut(name, 200), RootType = nameof(AppUser), RootId = id,
        };
        await AuditPlaces.FillAsync(db, [entry], _ => null, ct);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>Who a sign-in entry names: the account tried, from the address the attempt came from.</summary>
    internal static AuditActor Actor(Func<IProperty, object?> value, IEntityType type, AuditActor request)
    {
        string Text(string name) => type.FindProperty(name) is { } p && value(p) is string s ? s : "";
        var id = type.FindProperty(nameof(AppUser.Id)) is { } key && value(key) is int i ? i : (int?)null;
        var userName = Text(nameof(AppUser.UserName));
        var displayName = Text(nameof(AppUser.DisplayName));
        return new AuditActor(id, userName, displayName.Length > 0 ? displayName : userName, null, request.Address);
    }

    /// <summary>
    /// What a sign-in entry says in a line: 登录失败：用户名 yuanqu-office（第 2 次）, 账号 yuanqu-office 已锁定至 2025年3月5日 14:20
    /// （连续输错密码 5 次）. Null for any other entry.
    /// </summary>
    public static string? Summary(AuditEntry entry)
    {
        if (!IsSignIn(entry.Action)) return null;
        var changes = entry.ReadChanges();
        var count = changes.FirstOrDefault(c => c.Field == Count);
        int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var name = entry.EntityLabel ?? "编号 " + entry.EntityId;
        if (entry.Action == AuditAction.DisabledSignIn) return $"已停用账号 {name} 以正确的密码尝试登录，已拒绝（不计入登录失败次数）";
        if (entry.Action == AuditAction.SignInFailed)
            return Number(count?.New) is { } nth ? $"登录失败：用户名 {name}（第 {nth} 次）" : $"登录失败：用户名 {name}";
        var until = changes.FirstOrDefault(c => c.Field == LockoutEnd)?.New is { } shown
            && DateTime.TryParseExact(shown, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) : null;
        // The lockout comes with the attempt that reached the limit, after those counted before it.
        var attempts = Number(count?.Old) is { } before ? $"（连续输错密码 {before + 1} 次）" : "";
        return until is null ? $"账号 {name} 已锁定{attempts}" : $"账号 {name} 已锁定至 {until}{attempts}";
    }
}
