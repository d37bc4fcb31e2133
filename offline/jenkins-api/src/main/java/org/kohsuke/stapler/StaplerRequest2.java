package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

public interface StaplerRequest2 extends HttpServletRequest {

    <T> List<T> bindJSONToList(Class<T> type, Object src);
}
