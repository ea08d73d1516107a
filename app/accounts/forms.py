from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length


class RegisterForm(FlaskForm):
    name = StringField("Uw naam", validators=[DataRequired("Vul uw naam in."), Length(max=120)],
                       description="Zo ziet uw team wie iets heeft gewijzigd.")
    email = EmailField("E-mailadres", validators=[DataRequired("Vul uw e-mailadres in."),
                                                  Email("Vul een geldig e-mailadres in."), Length(max=254)],
                       description="U logt hiermee in.")
    password = PasswordField("Wachtwoord", validators=[DataRequired("Kies een wachtwoord."),
                                                       Length(min=10, max=200, message="Gebruik ten minste 10 tekens.")],
                             description="Ten minste 10 tekens.")
    confirm = PasswordField("Herhaal het wachtwoord",
                            validators=[EqualTo("password", "De wachtwoorden zijn niet gelijk.")])


class LoginForm(FlaskForm):
    email = EmailField("E-mailadres", validators=[DataRequired("Vul uw e-mailadres in."), Length(max=254)])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."), Length(max=200)])


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Uw wachtwoord", validators=[DataRequired("Vul uw wachtwoord in ter bevestiging.")],
                             description="Ter bevestiging. Uw account en uw lidmaatschappen worden verwijderd.")
    confirm = BooleanField("Ik begrijp dat dit niet ongedaan kan worden gemaakt",
                           validators=[DataRequired("Vink dit aan om door te gaan.")])
