app_name = "guidance"
urlpatterns = []
