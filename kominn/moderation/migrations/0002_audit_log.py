# The audit log moves to core (state only: the table stays, core's model uses it).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0001_reports_and_audit_log'),
        ('core', '0001_audit_log'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(
                    model_name='auditentry',
                    name='moderation__target__b739e6_idx',
                ),
                migrations.DeleteModel(
                    name='AuditEntry',
                ),
            ],
        ),
    ]
