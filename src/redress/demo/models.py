from django.db import models


class DemoLoad(models.Model):
    """Marks that the demo data is in this database, so loading it again adds nothing."""

    seed = models.IntegerField()
    cases = models.PositiveIntegerField()
    loaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Demo data ({self.cases} cases, seed {self.seed})"
