package dev.lkdash.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** The one administrator of the password login, checked against {@link AdminCredentials}. */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    /** Every signed-in user may see everything: one group. */
    public static final String DASHBOARD_GROUP = "dashboard";

    @Inject
    AdminCredentials credentials;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (credentials.verify(credential.getCaller(), credential.getPasswordAsString())) {
            return new CredentialValidationResult(credential.getCaller(), Set.of(DASHBOARD_GROUP));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
