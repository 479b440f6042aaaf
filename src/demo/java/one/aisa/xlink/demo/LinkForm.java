package one.aisa.xlink.demo;

import java.util.List;

/**
 * What the page sends to request a link.
 *
 * @param subject who the link is for, or {@code null} or blank for nobody in particular
 * @param scopes the scope names the person picked
 */
public record LinkForm(String subject, List<String> scopes) {}
