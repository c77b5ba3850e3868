using SpecializedTowns.Data;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Audit;

/// <summary>Every field and value a history tab or the audit page can show reads in Chinese, for every kind of record audited.</summary>
public class AuditNamesTests
{
    [Fact]
    public async Task Every_recorded_field_of_every_audited_record_has_a_chinese_name_and_every_enumeration_its_chinese_values()
    {
        var storage = TestDatabases.Create(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        var missingFields = new SortedSet<string>();
        var missingEnums = new SortedSet<string>();
        var missingTypes = new SortedSet<string>();
        foreach (var type in db.Model.GetEntityTypes().Where(AuditTrail.IsAudited))
        {
            if (AuditNames.Type(type.ClrType.Name) == type.ClrType.Name) missingTypes.Add(type.ClrType.Name);
            foreach (var property in AuditTrail.RecordedFields(type))
            {
                if (AuditNames.Field(type.ClrType.Name, property.Name) == property.Name) missingFields.Add($"{type.ClrType.Name}.{property.Name}");
                var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (clr.IsEnum && !EnumNames.Has(clr)) missingEnums.Add(clr.FullName!);
            }
        }
        missingTypes.ShouldBeEmpty("kinds of record without a Chinese name in AuditNames.Types");
        missingFields.ShouldBeEmpty("fields without a Chinese name in AuditNames");
        missingEnums.ShouldBeEmpty("enumerations without a public static Chinese(TEnum) in Core");
    }

    [Fact]
    public async Task Values_read_as_the_pages_write_them_lists_code_words_and_states_included()
    {
        var storage = TestDatabases.Create(StorageProvider.Sqlite);
        await using var db = storage.CreateContext();
        Microsoft.EntityFrameworkCore.Metadata.IProperty Field<T>(string name) => db.Model.FindEntityType(typeof(T))!.FindProperty(name)!;
        AuditTrail.Show(Field<SpecializedTowns.Core.Notices.Notice>("CopyTo"), new List<string> { "县发改局", "县财政局" }).ShouldBe("县发改局、县财政局");
        AuditTrail.Show(Field<SpecializedTowns.Core.Notices.Notice>("State"), SpecializedTowns.Core.Notices.NoticeState.Rectified)
            .ShouldBe(SpecializedTowns.Core.Notices.NoticeNames.Chinese(SpecializedTowns.Core.Notices.NoticeStatus.Rectified));
        AuditTrail.Show(Field<SpecializedTowns.Core.Applications.RecognitionApplication>("PreCheckOutcome"), "ineligible").ShouldBe("不符合认定条件");
        // A code word in another field is left as it is.
        AuditTrail.Show(Field<SpecializedTowns.Core.Notices.Notice>("Subject"), "ineligible").ShouldBe("ineligible");
        AuditTrail.Show(Field<SpecializedTowns.Core.Enterprises.Enterprise>("Role"), SpecializedTowns.Core.Enterprises.EnterpriseRole.Leading).ShouldBe("龙头企业");
        // An uploaded file's type as people call it, in entries old and new.
        AuditValueNames.None.Show("ContentType", "application/pdf").ShouldBe("PDF 文件");
        AuditValueNames.None.Show("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document").ShouldBe("Word 文档（.docx）");
    }
}
