using RemissFlow.Web.Pages.Konto;

namespace RemissFlow.Web.Pages.Admin;

public sealed class ErsattareModel(IMediator mediator, SignedInUser user) : ErsattarePageModel(mediator, user)
{
    protected override bool Alla => true;

    protected override string Self => "/admin/ersattare";
}
