using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// MVC requires some fields without any attribute saying so — a non-nullable string (企业名称) on the server and in the
/// form, a bool or number (a checkbox) in the form's data-val-required — and says so in English: “The Name field is
/// required.” Registered after MVC's own providers, this gives each such rule a Chinese message.
/// </summary>
public sealed class RequiredInChinese : IValidationMetadataProvider, IClientModelValidatorProvider
{
    public const string Message = "此项为必填";

    // The implicit attribute of a non-nullable reference type: one object, read by the server and by the form.
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var required in context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>())
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null) required.ErrorMessage = Message;
    }

    // A value type's form rule is made with an attribute of its own, never seen by the metadata above.
    public void CreateValidators(ClientValidatorProviderContext context)
    {
        foreach (var item in context.Results)
            if (item.Validator is RequiredAttributeAdapter { Attribute: { ErrorMessage: null, ErrorMessageResourceName: null } })
                item.Validator = new RequiredAttributeAdapter(new RequiredAttribute { ErrorMessage = Message }, stringLocalizer: null);
    }
}
