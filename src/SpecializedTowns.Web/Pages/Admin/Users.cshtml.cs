using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Core.Units;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Admin;

/// <summary>系统 → 用户: administrators create accounts, reset passwords and unlock.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersModel(TownsDbContext db, UserManager<AppUser> users, UserDirectory directory, TimeProvider time) : PageModel
{
    private const int PageSize = 50;

    public sealed class NewUser
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public int? JurisdictionId { get; set; }
        public string? UnitName { get; set; }
        public int? TownId { get; set; }
    }

    [BindProperty] public NewUser Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public int? Place { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public Paged<UserListItem> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<(int Id, string Label)> Places { get; private set; } = [];
    public IReadOnlyList<(int Id, string Label)> FilterPlaces { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Towns { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<string> KnownUnits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = TableExport.AllPages((page, size) => directory.ListAsync(Search, Role, Place, page, size, ct), u => u.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(UserDirectory.Export, format, rows, time, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var userName = Input.UserName?.Trim() ?? "";
        if (userName.Length == 0) ModelState.AddModelError("Input.UserName", "请填写用户名");
        else if (userName.Length > 50) ModelState.AddModelError("Input.UserName", "用户名不超过 50 个字符");
        if (string.IsNullOrWhiteSpace(Input.DisplayName)) ModelState.AddModelError("Input.DisplayName", "请填写姓名或单位");
        else if (Input.DisplayName.Trim().Length > 60) ModelState.AddModelError("Input.DisplayName", "姓名或单位不超过 60 字");
        if (Input.Role is null || !Roles.All.Contains(Input.Role)) ModelState.AddModelError("Input.Role", "请选择角色");
        var place = Input.JurisdictionId is { } pid ? await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == pid, ct) : null;
        if (place is null) ModelState.AddModelError("Input.JurisdictionId", "请选择所属行政区划");
        if (Input.Role == Roles.Township)
        {
            if (place?.Level != JurisdictionLevel.Township) ModelState.AddModelError("Input.JurisdictionId", "乡镇/专班账号应属于一个乡镇（街道）");
            if (Input.TownId is null) ModelState.AddModelError("Input.TownId", "请选择负责的专业镇");
            // A township account sees its town: the town must exist and lie in that township, or it would see another county's.
            else if (place?.Level == JurisdictionLevel.Township
                && !await db.Towns.AnyAsync(t => t.Id == Input.TownId && t.Townships.Any(x => x.TownshipId == place.Id), ct))
                ModelState.AddModelError("Input.TownId", "所选专业镇不在该乡镇（街道）");
        }
        if (Input.Role == Roles.MemberUnit && string.IsNullOrWhiteSpace(Input.UnitName))
            ModelState.AddModelError("Input.UnitName", "成员单位账号请填写所在单位，它决定能看到和办理哪些任务、问题");
        else if (Input.UnitName?.Trim() is { Length: > 0 } unitName && (unitName.Length > UnitNames.MaxLength || UnitNames.IsCollective(unitName)))
            ModelState.AddModelError("Input.UnitName", $"请填写一个具体单位的名称（不超过 {UnitNames.MaxLength} 字），不要写“各……”“有关部门”");
        // Only the form's own fields: the route value "page" never binds to the list's page number on a POST.
        if (ModelState.Any(m => m.Key.StartsWith("Input.", StringComparison.Ordinal) && m.Value!.Errors.Count > 0)) { await LoadAsync(ct); return Page(); }

        // The unit, the account and its role are written together or not at all (a taken user name leaves no stray unit).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var password = AccountSeeder.Generate();
        var user = new AppUser
        {
            UserName = userName, DisplayName = Input.DisplayName!.Trim(), JurisdictionId = place!.Id,
            UnitId = string.IsNullOrWhiteSpace(Input.UnitName) ? null : (await UnitRegistry.ResolveAsync(db, place.Id, Input.UnitName)).Id,
            SpecializedTownId = Input.Role == Roles.Township ? Input.TownId : null, CreatedAtUtc = time.GetUtcNow().UtcDateTime, LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Input.Role!);
        if (!result.Succeeded)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            Error = string.Join("；", result.Errors.Select(e => e.Description));
            await LoadAsync(ct);
            return Page();
        }
        await tx.CommitAsync(ct);
        TempData["Message"] = $"已创建账号 {userName}，初始密码：{password}（只显示这一次，请转告本人登录后修改）";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(int id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        var password = AccountSeeder.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Message"] = result.Succeeded ? $"{user.UserName} 的新密码：{password}（只显示这一次）" : string.Join("；", result.Errors.Select(e => e.Description));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Message"] = $"已解除 {user.UserName} 的锁定";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        KnownUnits = await db.Units.AsNoTracking().Select(u => u.Name).Distinct().OrderBy(n => n).ToListAsync(ct);
        Result = await directory.ListAsync(Search, Role, Place, PageNumber, PageSize, ct);
        var places = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Path).Select(j => new { j.Id, j.Name, j.Level }).ToListAsync(ct);
        Places = places.Select(j => (j.Id, new string('　', (int)j.Level - 1) + j.Name)).ToList();
        // Filtering by a township would list one or two accounts; the filter stops at counties, which include theirs.
        FilterPlaces = places.Where(j => j.Level <= JurisdictionLevel.County).Select(j => (j.Id, new string('　', (int)j.Level - 1) + j.Name)).ToList();
        Towns = (await db.Towns.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
    }
}
