using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;

namespace SpecializedTowns.Data.Accounts;

public sealed record DemoAccount(string UserName, string DisplayName, string Role, string JurisdictionPath, string? UnitName = null, string? TownName = null);

/// <summary>
/// The administrator on an empty database, and the demo accounts of the five documents' offices
/// (README lists them). Passwords come from configuration; a generated one is returned to be shown once.
/// </summary>
public static class AccountSeeder
{
    public const string AdminUserName = "admin";

    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("shanxi-office", "省专业镇办公室", Roles.Office, "山西省", "省工信厅"),
        new("yuncheng-office", "运城市专业镇办", Roles.Office, "山西省/运城市", "市工信局"),
        new("yuncheng-leader", "运城市分管领导", Roles.Leader, "山西省/运城市"),
        new("yuanqu-office", "垣曲县专业镇办", Roles.Office, "山西省/运城市/垣曲县", "县工科局"),
        new("yuanqu-member", "垣曲县农业农村局", Roles.MemberUnit, "山西省/运城市/垣曲县", "县农业农村局"),
        new("lishan-township", "历山镇专业镇专干", Roles.Township, "山西省/运城市/垣曲县/历山镇", "历山镇", "历山镇蜂蜜专业镇"),
        new("xinjiang-office", "新绛县专业镇办", Roles.Office, "山西省/运城市/新绛县", "县工信科技局"),
        new("xinjiang-member", "新绛县农业农村局", Roles.MemberUnit, "山西省/运城市/新绛县", "县农业农村局"),
        new("yongji-office", "永济市专业镇办", Roles.Office, "山西省/运城市/永济市", "市工科局"),
        new("yangquan-office", "阳泉市专业镇办", Roles.Office, "山西省/阳泉市", "市工信局"),
        new("shuozhou-office", "朔州市专业镇办", Roles.Office, "山西省/朔州市", "市工信局"),
        new("expert-zhang", "张专家", Roles.Expert, "山西省/运城市"),
    ];

    /// <summary>Creates what is missing; returns the lines to print once (generated passwords).</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(
        UserManager<AppUser> users, RoleManager<IdentityRole<int>> roles, TownsDbContext db,
        string? adminPassword, bool demo, string? demoPassword, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole<int>(role)), $"role {role}");

        var notes = new List<string>();
        if (!await db.Users.AnyAsync(ct))
        {
            var password = string.IsNullOrWhiteSpace(adminPassword) ? Generate() : adminPassword;
            await CreateAsync(users, db, new DemoAccount(AdminUserName, "系统管理员", Roles.Admin, "山西省"), password, string.IsNullOrWhiteSpace(adminPassword), ct);
            if (string.IsNullOrWhiteSpace(adminPassword))
                notes.Add($"已创建管理员账号 admin，初始密码：{password}（只显示这一次，请登录后修改；也可用 Seed__AdminPassword 指定）");
        }

        if (demo && await db.Towns.AnyAsync(t => t.IsDemo, ct) && !await db.Users.AnyAsync(u => u.UserName == DemoAccounts[0].UserName, ct))
        {
            var password = string.IsNullOrWhiteSpace(demoPassword) ? Generate() : demoPassword;
            foreach (var account in DemoAccounts) await CreateAsync(users, db, account, password, string.IsNullOrWhiteSpace(demoPassword), ct);
            if (string.IsNullOrWhiteSpace(demoPassword))
                notes.Add($"已创建演示账号（见 README），共用初始密码：{password}（只显示这一次；也可用 Seed__DemoPassword 指定）");
        }
        return notes;
    }

    // A generated password is printed once to whoever started the platform and passed on: it is changed at the first sign-in.
    // One given in the configuration is the operator's own choice.
    private static async Task CreateAsync(UserManager<AppUser> users, TownsDbContext db, DemoAccount account, string password, bool generated, CancellationToken ct)
    {
        var jurisdiction = await db.Jurisdictions.SingleAsync(j => j.Path == account.JurisdictionPath, ct);
        var townId = account.TownName is null ? null
            : await db.Towns.Where(t => t.Name == account.TownName).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        var user = new AppUser
        {
            UserName = account.UserName, DisplayName = account.DisplayName, JurisdictionId = jurisdiction.Id,
            UnitId = account.UnitName is null ? null : (await Units.UnitRegistry.ResolveAsync(db, jurisdiction.Id, account.UnitName, ct)).Id, SpecializedTownId = townId, CreatedAtUtc = DateTime.UtcNow, LockoutEnabled = true,
            MustChangePassword = generated,
        };
        Check(await users.CreateAsync(user, password), $"user {account.UserName}");
        Check(await users.AddToRoleAsync(user, account.Role), $"role of {account.UserName}");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"创建 {what} 失败：{string.Join("；", result.Errors.Select(e => e.Description))}");
    }

    /// <summary>16 characters with lower and upper case letters and digits, without look-alikes.</summary>
    public static string Generate()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[16];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
