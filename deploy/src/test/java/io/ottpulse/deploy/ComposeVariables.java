package io.ottpulse.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a compose file interpolates ({@code ${VAR}}, {@code ${VAR:-default}}, {@code $VAR}; {@code $$} is a
 * literal dollar) and which of them nothing defines.
 */
final class ComposeVariables {

    /** One {@code $} reference: the variable, and whether it carries its own default. */
    record Reference(String name, boolean hasDefault, String text) {
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$|\\{([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern BRACED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?");

    private ComposeVariables() {
    }

    static List<Reference> references(String text) {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals("$")) {
                continue;
            }
            if (matcher.group(3) != null) {
                references.add(new Reference(matcher.group(3), false, matcher.group()));
                continue;
            }
            Matcher braced = BRACED.matcher(matcher.group(2));
            if (!braced.matches()) {
                throw new AssertionError("not a compose variable reference: " + matcher.group());
            }
            String operator = braced.group(2);
            boolean hasDefault = operator != null && operator.endsWith("-");
            references.add(new Reference(braced.group(1), hasDefault, matcher.group()));
        }
        return references;
    }

    /** The references in {@code text} with no default and no definition among {@code defined}. */
    static List<String> undefined(String text, Set<String> defined) {
        return references(text).stream().filter(r -> !r.hasDefault() && !defined.contains(r.name()))
                .map(Reference::text).toList();
    }
}
