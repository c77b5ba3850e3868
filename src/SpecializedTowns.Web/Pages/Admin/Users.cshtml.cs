using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Admin;

/// <summary>
/// 系统 → 用户: administrators create accounts, change where a person works (role, place, unit, town) as staff move,
/// disable and re-enable them as staff leave and return, reset passwords and unlock.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersModel(TownsDbContext db, UserManager<AppUser> users, UserDirectory directory, TimeProvider time, SignInManager<AppUser> signIn) : PageModel
{
    private const int PageSize = 50;

    /// <summary>The fields of the new-account form and of the edit form (which keeps the user name).</summary>
    public sealed class AccountInput
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public int? JurisdictionId { get; set; }
        public string? UnitName { get; set; }
        /// <summary>The administrator says the unit is not registered yet: only then is a unit added.</summary>
        public bool NewUnit { get; set; }
        public int? TownId { get; set; }
    }

    /// <summary>What a form partial needs: which form, its values, the units it offers and the towns and places to choose from.</summary>
    public sealed record AccountForm(string Prefix, AccountInput Values, IReadOnlyList<(string Name, string Place)> Units, UsersModel Page);

    [BindProperty] public AccountInput Input { get; set; } = new();
    [BindProperty] public AccountInput Change { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public int? Place { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty(SupportsGet = true), FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public Paged<UserListItem> Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<(int Id, string Label)> Places { get; private set; } = [];
    public IReadOnlyList<(int Id, string Label)> FilterPlaces { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Towns { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The account being edited (its user name and whether it is the administrator's own), when the edit form shows.</summary>
    public (int Id, string UserName, bool Self)? Editing { get; private set; }
    public AccountForm? Form { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Error = TempData["Error"] as string;
        // An edit link to an account that is not there (deleted, mistyped) says so instead of showing the list alone.
        if (Edit is { } missing && await users.FindByIdAsync(missing.ToString()) is null) { Error = $"账号不存在（编号 {missing}），请在列表中重新选择"; Edit = null; }
        if (Edit is { } id && await users.FindByIdAsync(id.ToString()) is { } user)
        {
            Change = new AccountInput
            {
                DisplayName = user.DisplayName, JurisdictionId = user.JurisdictionId, TownId = user.SpecializedTownId,
                Role = (await users.GetRolesAsync(user)).FirstOrDefault(),
                UnitName = user.UnitId is { } unit ? await UnitWrittenAsync(unit, user.JurisdictionId, ct) : null,
            };
        }
        await LoadAsync(ct);
    }

    /// <summary>The units offered for a place as the administrator picks it (htmx): the place's own and those above it.</summary>
    public async Task<IActionResult> OnGetUnitsAsync([FromServices] HtmlEncoder encoder, CancellationToken ct)
    {
        var place = Request.Query.Where(q => q.Key.EndsWith("JurisdictionId", StringComparison.Ordinal)).Select(q => q.Value.ToString()).FirstOrDefault();
        var html = new StringBuilder();
        foreach (var (name, where) in await UnitsForAsync(int.TryParse(place, out var id) ? id : null, ct))
            html.Append("<option value=\"").Append(encoder.Encode(name)).Append("\">").Append(encoder.Encode(where)).Append("</option>");
        return Content(html.ToString(), "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        ReadFilters();
        var rows = TableExport.AllPages((page, size) => directory.ListAsync(Search, Role, Place, State, page, size, ct), u => u.Id, ExportFile.Selection(Request), ct);
        return await ExportFile.ResultAsync(UserDirectory.Export, format, rows, time, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var userName = Input.UserName?.Trim() ?? "";
        if (UserNames.Problem(userName) is { } nameProblem) ModelState.AddModelError("Input.UserName", nameProblem);
        var (place, unit) = await CheckAsync(Input, nameof(Input), ct);
        // Only the form's own fields: the route value "page" never binds to the list's page number on a POST.
        if (HasErrors(nameof(Input))) { await LoadAsync(ct); return Page(); }

        // The unit, the account and its role are written together or not at all (a taken user name leaves no stray unit).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var password = AccountSeeder.Generate();
        var user = new AppUser
        {
            UserName = userName, DisplayName = Input.DisplayName!.Trim(), JurisdictionId = place!.Id,
            UnitId = await UnitIdAsync(place.Id, unit, ct),
            SpecializedTownId = Input.Role == Roles.Township ? Input.TownId : null, CreatedAtUtc = time.GetUtcNow().UtcDateTime, LockoutEnabled = true,
            MustChangePassword = true,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Input.Role!);
        if (!result.Succeeded) return await RefusedAsync(tx, result, ct);
        await tx.CommitAsync(ct);
        TempData["Message"] = $"已创建账号 {userName}，初始密码：{password}（只显示这一次，请转告本人；本人首次登录时须先修改密码）{await TownNotKeptAsync(Input, ct)}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        Edit = id;
        var (place, unit) = await CheckAsync(Change, nameof(Change), ct);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        // The administrator signed in is an active administrator: keeping them one keeps at least one, so the last can never go.
        if (IsSelf(user) && Change.Role != Roles.Admin && role == Roles.Admin)
            ModelState.AddModelError("Change.Role", "不能取消自己的系统管理员角色（否则可能没有人能再管理账号）；请由另一位系统管理员操作");
        if (HasErrors(nameof(Change))) { await LoadAsync(ct); return Page(); }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = Change.DisplayName!.Trim();
        user.JurisdictionId = place!.Id;
        user.UnitId = await UnitIdAsync(place.Id, unit, ct);
        user.SpecializedTownId = Change.Role == Roles.Township ? Change.TownId : null;
        var result = IdentityResult.Success;
        if (role != Change.Role)
        {
            if (role is not null) result = await users.RemoveFromRoleAsync(user, role);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, Change.Role!);
        }
        // A new stamp ends the sessions and tokens that carry the old role and scope; the person signs in again to the new ones.
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) return await RefusedAsync(tx, result, ct);
        await tx.CommitAsync(ct);
        // As for 停用: the old role's sessions end at their next request, on whichever process (SessionStamps); the
        // administrator who edited their own account keeps this session, under the new stamp.
        if (IsSelf(user)) await signIn.RefreshSignInAsync(user);
        TempData["Message"] = $"已保存 {user.UserName} 的角色、行政区划、单位和专业镇；本人须重新登录后按新的范围使用{await TownNotKeptAsync(Change, ct)}";
        return LocalRedirect(ListUrl());
    }

    public async Task<IActionResult> OnPostDisableAsync(int id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        // As with the role: the administrator signed in cannot disable themselves, so an active administrator always remains.
        if (IsSelf(user)) TempData["Error"] = "不能停用自己的账号；请由另一位系统管理员操作";
        else if (user.DisabledAtUtc is null)
        {
            user.DisabledAtUtc = time.GetUtcNow().UtcDateTime;
            // The stamp is what open sessions and issued tokens are checked against at each request: renewing it ends them.
            await users.UpdateSecurityStampAsync(user);
            TempData["Message"] = $"已停用 {user.UserName}：不能再登录或申请访问令牌，已登录的会话和令牌随即失效";
        }
        else TempData["Message"] = $"{user.UserName} 已是停用状态，无需再次停用";
        return LocalRedirect(ListUrl());
    }

    /// <summary>
    /// Only a 乡镇/专班 account works for one town; a town chosen for another role is not kept, and the message says so rather than
    /// dropping it without a word (qa110 10: an 评审专家 saved with 负责的专业镇 came back with none).
    /// </summary>
    private async Task<string> TownNotKeptAsync(AccountInput input, CancellationToken ct)
    {
        if (input.Role == Roles.Township || input.TownId is not { } townId) return "";
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.Name).SingleOrDefaultAsync(ct);
        var role = Roles.Chinese.GetValueOrDefault(input.Role!, input.Role!);
        return $"。所选的负责专业镇{(town is null ? "" : $"“{town}”")}未保存：只有乡镇/专班账号负责一个专业镇，{role}账号按所属行政区划使用";
    }

    public async Task<IActionResult> OnPostEnableAsync(int id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        if (user.DisabledAtUtc is not null)
        {
            user.DisabledAtUtc = null;
            await users.UpdateAsync(user);
            TempData["Message"] = $"已启用 {user.UserName}，可用原密码登录（如已遗忘，请重置密码）";
        }
        else TempData["Message"] = $"{user.UserName} 已是启用状态，无需再次启用";
        return LocalRedirect(ListUrl());
    }

    public async Task<IActionResult> OnPostResetAsync(int id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        var password = AccountSeeder.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // Saved with the new hash: the person replaces the password they were told at their next sign-in.
        user.MustChangePassword = true;
        var result = await users.ResetPasswordAsync(user, token, password);
        // ResetPasswordAsync renews the stamp: the sessions signed in with the old password end at their next request, as for 停用.
        if (result.Succeeded && IsSelf(user)) await signIn.RefreshSignInAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Message"] = result.Succeeded ? $"{user.UserName} 的新密码：{password}（只显示这一次；本人登录时须先修改密码）" : string.Join("；", result.Errors.Select(e => e.Description));
        return LocalRedirect(ListUrl());
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Message"] = $"已解除 {user.UserName} 的锁定";
        return LocalRedirect(ListUrl());
    }

    /// <summary>
    /// The list as the administrator left it (filters and page), for a row's action, the edit form and the way back. Written
    /// out rather than as route values: "page" is the route value naming the Razor page itself.
    /// </summary>
    public string ListUrl(string? handler = null, int? id = null, int? edit = null)
    {
        var query = new Dictionary<string, string?>();
        if (handler is not null) query["handler"] = handler;
        if (id is not null) query["id"] = id.ToString();
        if (edit is not null) query["edit"] = edit.ToString();
        if (!string.IsNullOrWhiteSpace(Search)) query["search"] = Search;
        if (!string.IsNullOrWhiteSpace(Role)) query["role"] = Role;
        if (Place is not null) query["place"] = Place.ToString();
        if (!string.IsNullOrWhiteSpace(State)) query["state"] = State;
        if (PageNumber > 1) query["page"] = PageNumber.ToString();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin/Users", query);
    }

    public string SelfId => users.GetUserId(User) ?? "";

    private bool IsSelf(AppUser user) => SelfId == user.Id.ToString();

    private bool HasErrors(string prefix) =>
        ModelState.Any(m => m.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && m.Value!.Errors.Count > 0);

    /// <summary>The checks the new-account and the edit form share; errors are added under the form's prefix.</summary>
    private async Task<(Jurisdiction? Place, UnitChoice? Unit)> CheckAsync(AccountInput input, string prefix, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.DisplayName)) ModelState.AddModelError($"{prefix}.DisplayName", "请填写姓名或单位");
        else if (input.DisplayName.Trim().Length > 60) ModelState.AddModelError($"{prefix}.DisplayName", "姓名或单位不超过 60 字");
        if (input.Role is null || !Roles.All.Contains(input.Role)) ModelState.AddModelError($"{prefix}.Role", "请选择角色");
        var place = input.JurisdictionId is { } pid ? await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == pid, ct) : null;
        if (place is null) ModelState.AddModelError($"{prefix}.JurisdictionId", "请选择所属行政区划");
        if (input.Role == Roles.Township)
        {
            if (place?.Level != JurisdictionLevel.Township) ModelState.AddModelError($"{prefix}.JurisdictionId", "乡镇/专班账号应属于一个乡镇（街道）");
            if (input.TownId is null) ModelState.AddModelError($"{prefix}.TownId", "请选择负责的专业镇");
            // A township account sees its town: the town must exist and lie in that township, or it would see another county's.
            else if (place?.Level == JurisdictionLevel.Township
                && !await db.Towns.AnyAsync(t => t.Id == input.TownId && t.Townships.Any(x => x.TownshipId == place.Id), ct))
                ModelState.AddModelError($"{prefix}.TownId", "所选专业镇不在该乡镇（街道）");
        }
        UnitChoice? unit = null;
        if (string.IsNullOrWhiteSpace(input.UnitName))
        {
            if (input.Role == Roles.MemberUnit)
                ModelState.AddModelError($"{prefix}.UnitName", "成员单位账号请填写所在单位，它决定能看到和办理哪些任务、问题");
        }
        else if (place is not null)
        {
            unit = await UnitRegistry.ChooseAsync(db, place.Id, input.UnitName, input.NewUnit, ct);
            if (unit.Problem is not null) ModelState.AddModelError($"{prefix}.UnitName", unit.Problem);
        }
        return (place, unit);
    }

    private async Task<int?> UnitIdAsync(int placeId, UnitChoice? unit, CancellationToken ct) =>
        unit is null ? null : (unit.Existing ?? await UnitRegistry.AddAsync(db, placeId, unit.Name, ct)).Id;

    /// <summary>
    /// The units offered for a place, as the form writes them (UnitRegistry.WrittenFor): the place's own by name, those above
    /// it with their place (市工信局（朔州市）), so that taking the city's bureau for a 县级市 account is a choice, not a coincidence
    /// of spelling.
    /// </summary>
    private async Task<IReadOnlyList<(string Name, string Place)>> UnitsForAsync(int? placeId, CancellationToken ct)
    {
        if (placeId is null || await db.Jurisdictions.AsNoTracking().Where(j => j.Id == placeId).Select(j => new { j.Path, j.Level }).SingleOrDefaultAsync(ct) is not { } place)
            return [];
        var path = place.Path;
        var rows = await db.Units.AsNoTracking()
            .Where(u => u.Jurisdiction!.Path == path || path.StartsWith(u.Jurisdiction.Path + "/"))
            .OrderByDescending(u => u.Jurisdiction!.Level).ThenBy(u => u.Name)
            .Select(u => new { u.Name, Place = u.Jurisdiction!.Name, u.Jurisdiction.Path }).ToListAsync(ct);
        // At a township a name registered at two levels is offered once, bare: the nearest is the one chosen.
        return rows.Select(u => (Name: UnitRegistry.WrittenFor(u.Name, u.Place, u.Path, path, place.Level), u.Place)).DistinctBy(u => u.Name).ToList();
    }

    private async Task<string> UnitWrittenAsync(int unitId, int jurisdictionId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Name, Place = u.Jurisdiction!.Name, u.Jurisdiction.Path }).SingleAsync(ct);
        var place = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == jurisdictionId).Select(j => new { j.Path, j.Level }).SingleAsync(ct);
        return UnitRegistry.WrittenFor(unit.Name, unit.Place, unit.Path, place.Path, place.Level);
    }

    /// <summary>Identity refused a step: nothing of the account's change is kept, and the form shows why.</summary>
    private async Task<IActionResult> RefusedAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, IdentityResult result, CancellationToken ct)
    {
        await tx.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        Error = string.Join("；", result.Errors.Select(e => e.Description));
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// 角色 and 状态 as the list's selects write them (CountyOffice, active), in any letter case or by their Chinese names; a
    /// value that names neither is dropped and said so above the list (FilterValues), not a full list under an address that
    /// claims a filter.
    /// </summary>
    private void ReadFilters()
    {
        Role = FilterValues.ReadKey(HttpContext, Roles.Chinese, Role, "角色");
        State = FilterValues.ReadKey(HttpContext, UserStates.Chinese, State, "账号状态");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ReadFilters();
        Result = await directory.ListAsync(Search, Role, Place, State, PageNumber, PageSize, ct);
        var places = await db.Jurisdictions.AsNoTracking().OrderByPlace(j => j).ThenBy(j => j.Level).Select(j => new { j.Id, j.Name, j.Level }).ToListAsync(ct);
        Places = places.Select(j => (j.Id, new string('　', (int)j.Level - 1) + j.Name)).ToList();
        // Filtering by a township would list one or two accounts; the filter stops at counties, which include theirs.
        FilterPlaces = places.Where(j => j.Level <= JurisdictionLevel.County).Select(j => (j.Id, new string('　', (int)j.Level - 1) + j.Name)).ToList();
        Towns = (await db.Towns.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        if (Edit is { } id && await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync(ct) is { } name)
        {
            Editing = (id, name, users.GetUserId(User) == id.ToString());
            Form = new AccountForm(nameof(Change), Change, await UnitsForAsync(Change.JurisdictionId, ct), this);
        }
        else Form = new AccountForm(nameof(Input), Input, await UnitsForAsync(Input.JurisdictionId, ct), this);
    }
}
