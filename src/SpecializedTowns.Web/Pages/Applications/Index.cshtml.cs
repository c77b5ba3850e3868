using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;

namespace SpecializedTowns.Web.Pages.Applications;

public sealed class IndexModel(ApplicationService applications) : PageModel
{
    [BindProperty(SupportsGet = true)] public ApplicationState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<ApplicationListItem> Result { get; private set; } = new([], 0, 1, 20);
    public bool CanFile { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        CanFile = scope.Role is Roles.Admin or Roles.Office or Roles.Township;
        Result = await applications.ListAsync(scope, State, Math.Max(1, PageNumber), 20, ct);
    }
}
