using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Account;

/// <summary>Everyone changes their own password here, first of all after the administrator's generated one.</summary>
[Authorize]
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? New { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    /// <summary>Where the person was going when they were sent here to replace the generated password.</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Done { get; private set; }
    public bool FirstTime => User.MustChangePassword();

    public void OnGet() => Done = TempData["Done"] as string;

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Current)) ModelState.AddModelError(nameof(Current), "请输入当前密码");
        if (string.IsNullOrEmpty(New)) ModelState.AddModelError(nameof(New), "请输入新密码");
        else if (New != Confirm) ModelState.AddModelError(nameof(Confirm), "两次输入的新密码不一致");
        else if (New == Current) ModelState.AddModelError(nameof(New), "新密码不能与当前密码相同");
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var first = user.MustChangePassword;
        // Written with the new hash in one update: a failed change leaves the account still asked to change.
        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, Current!, New!);
        if (!result.Succeeded)
        {
            user.MustChangePassword = first;
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Current) : nameof(New), e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "当前密码不正确" : e.Description);
            return Page();
        }
        // ChangePasswordAsync renewed the stamp: the person's other sessions (another browser, a lost laptop) end at their next
        // request (SessionStamps), and this one carries on under the new stamp.
        await signIn.RefreshSignInAsync(user);
        if (first) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        TempData["Done"] = "密码已修改。其他浏览器或设备上的登录已退出，须用新密码重新登录";
        return RedirectToPage();
    }
}
