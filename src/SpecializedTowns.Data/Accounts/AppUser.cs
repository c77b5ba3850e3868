using Microsoft.AspNetCore.Identity;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Units;

namespace SpecializedTowns.Data.Accounts;

/// <summary>An account: a person in a jurisdiction, and where it applies a unit or a specialized town.</summary>
public sealed class AppUser : IdentityUser<int>
{
    public string DisplayName { get; set; } = "";
    public int JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>The member unit (成员单位) or office the person works in, e.g. 县工科局; a member-unit account sees the work of this unit.</summary>
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }

    /// <summary>For township and task-force staff: the specialized town they report for.</summary>
    public int? SpecializedTownId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
