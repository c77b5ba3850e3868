using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Support;

/// <summary>
/// What a register's header cites (资金奖补, 展会活动, 上市后备 and its stages, 三个一批): the clauses the packs mark as the
/// register's basis (<c>registers</c>), read for the reader's home by <see cref="PolicyBasis"/>, the same rule as every other
/// page that cites a clause.
/// </summary>
public static class SupportBasis
{
    public static PolicyBasis For(PolicyCatalog catalog, string register, string homePath) =>
        PolicyBasis.For(catalog, homePath, pack => Clauses.Register(pack, register));
}
