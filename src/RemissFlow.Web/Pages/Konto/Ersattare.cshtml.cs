namespace RemissFlow.Web.Pages.Konto;

public sealed class ErsattareModel(IMediator mediator, SignedInUser user) : ErsattarePageModel(mediator, user)
{
    protected override bool Alla => false;

    protected override string Self => "/konto/ersattare";
}
